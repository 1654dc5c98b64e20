import { button, settle, typeInto } from './portal-steps.js';

const hasButton = (scope: HTMLElement, text: RegExp) => {
  try {
    return Boolean(button(scope, text));
  } catch {
    return false;
  }
};

/**
 * What a user does in a widget's story, for the list-and-steps widgets (`tk-sub-users`, `tk-locations`):
 * `press` a button (within the card whose name contains `card`), `fill` a field, `check` a checkbox, type a
 * `code` into the code field (light DOM), `submit` the visible form, wait `until` a step's heading shows, or
 * `wait` for an element (by selector) of the shadow root.
 */
export type Act =
  | { press: RegExp; card?: string }
  | { fill: [name: string, value: string] }
  | { check: string }
  | { code: string }
  | { submit: true }
  | { until: RegExp }
  /** Waits until an element of the shadow root matches `selector` (a list's rows after their load). */
  | { wait: string };

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Plays `acts` on the element `tag` inside `root`: its cards are `.card`s with a `.name`. */
export async function play(root: HTMLElement, tag: string, acts: Act[]): Promise<void> {
  const el = root.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>(tag);
  if (!el) return;
  await settle(el);
  const shadow = el.shadowRoot!;
  for (const act of acts) {
    if ('press' in act) {
      const scope = act.card ? [...shadow.querySelectorAll<HTMLElement>('.card')].find((c) => c.querySelector('.name')!.textContent!.includes(act.card!))! : el;
      // a step whose code or texts are still loading shows its buttons a moment later
      for (let i = 0; i < 100 && !hasButton(scope, act.press); i++) await wait(20);
      button(scope, act.press).click();
    } else if ('fill' in act) {
      const field = shadow.querySelector<HTMLElement & { value: string }>(`[name="${act.fill[0]}"]`)!;
      field.value = act.fill[1];
      field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    } else if ('check' in act) {
      const box = shadow.querySelector<HTMLElement & { checked: boolean }>(`[name="${act.check}"]`)!;
      box.checked = true;
      box.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    } else if ('code' in act) typeInto(el, 'one-time-code', act.code);
    else if ('submit' in act) {
      // a code step's form is in the light DOM (with the code field), the others in the shadow root
      (el.querySelector('form') ?? shadow.querySelector('form'))!.requestSubmit();
    } else if ('wait' in act) {
      for (let i = 0; i < 100 && !shadow.querySelector(act.wait); i++) await wait(20);
    } else {
      // a step's code comes when it is first opened
      for (let i = 0; i < 100 && !act.until.test(shadow.querySelector('[data-heading]')?.textContent ?? ''); i++) await wait(20);
    }
    await settle(el);
  }
}
