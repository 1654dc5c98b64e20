/**
 * Drives a portal widget like a user, for stories and browser tests: type into an input found by its
 * `autocomplete` (credential inputs in the light DOM, other fields in shadow roots), submit the visible
 * form, press a button by its text, check a radio or checkbox by its value, let time pass for countdowns.
 */
export type Step =
  | { type: [autocomplete: string, value: string, index?: number] }
  | { submit: true }
  | { press: RegExp }
  | { check: string }
  | { skip: number };

type Updating = HTMLElement & { updateComplete?: Promise<unknown> };

/** Every element under `root` matching `selector`, in document order, through open shadow roots. */
export function deepAll<E extends Element = HTMLElement>(root: Element | ShadowRoot, selector: string): E[] {
  const found: E[] = [];
  const visit = (node: Element | ShadowRoot) => {
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
    for (const el of node.children) {
      if (el.matches(selector)) found.push(el as E);
      visit(el);
    }
  };
  visit(root);
  return found;
}

/** The element that has focus, looking into shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

export async function settle(el: Updating): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 10));
    await el.updateComplete;
    await Promise.all(deepAll<Updating>(el, '*').map((e) => e.updateComplete));
  }
}

export function typeInto(el: HTMLElement, autocomplete: string, value: string, index = 0): void {
  const input = deepAll<HTMLInputElement>(el, `input[autocomplete~="${autocomplete}"]`)[index];
  if (!input) throw new Error(`no input[autocomplete~="${autocomplete}"] #${index}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Submits the innermost visible form (the login's inside the profile, say), as Enter would. */
export function submit(el: HTMLElement): void {
  const forms = deepAll<HTMLFormElement>(el, 'form');
  forms.at(-1)!.requestSubmit();
}

/** The native button (or link) of the `tk-button` whose text matches. */
export function button(el: HTMLElement, text: RegExp): HTMLButtonElement {
  const host = deepAll(el, 'tk-button').find((b) => text.test(b.textContent ?? ''));
  if (!host) throw new Error(`no button ${text}`);
  return host.shadowRoot!.querySelector<HTMLButtonElement>('button, a')!;
}

/** Lets `seconds` pass for the widgets' clocks (countdowns read `Date.now()`). */
let skipped = 0;
const realNow = Date.now.bind(Date);
export function skip(seconds: number): void {
  skipped += seconds * 1000;
  Date.now = () => realNow() + skipped;
}

/** Waits (up to 2 s) for an element a lazily loaded step renders. */
async function find<E>(get: () => E | undefined): Promise<E> {
  for (let i = 0; i < 200; i++) {
    const found = get();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('not found');
}

export async function walk(root: HTMLElement, tag: string, steps: Step[]): Promise<void> {
  skipped = 0;
  Date.now = realNow;
  // the PIN step and its texts come with the first code; have them at once here
  await Promise.all([import('../widgets/core/pin.js'), import('../widgets/portal/pin-step.messages.js')]);
  const el = root.querySelector<Updating>(tag)!;
  await settle(el);
  for (const step of steps) {
    if ('type' in step) typeInto(el, ...step.type);
    else if ('submit' in step) submit(el);
    else if ('press' in step) button(el, step.press).click();
    else if ('check' in step) (await find(() => deepAll<HTMLInputElement>(el, `input[value="${step.check}"]`)[0])).click();
    else {
      skip(step.skip);
      (el as Updating & { requestUpdate(): void }).requestUpdate();
    }
    await settle(el);
  }
}
