/** Walks a light-DOM portal widget through a story's steps: type into inputs, submit, press buttons. */
export type Step = { type: [autocomplete: string, value: string, index?: number] } | { submit: true } | { press: RegExp };

const settle = async (el: HTMLElement & { updateComplete?: Promise<unknown> }) => {
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setTimeout(r, 15));
    await el.updateComplete;
  }
};

export async function walk(root: HTMLElement, tag: string, steps: Step[]): Promise<void> {
  const el = root.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>(tag)!;
  await settle(el);
  for (const step of steps) {
    if ('type' in step) {
      const [autocomplete, value, index = 0] = step.type;
      const input = el.querySelectorAll<HTMLInputElement>(`input[autocomplete="${autocomplete}"]`)[index]!;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    } else if ('submit' in step) {
      el.querySelector<HTMLFormElement>('form')!.requestSubmit();
    } else {
      [...el.querySelectorAll('button')].find((b) => step.press.test(b.textContent ?? ''))!.click();
    }
    await settle(el);
  }
}
