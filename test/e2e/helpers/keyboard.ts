import type { Locator, Page } from 'playwright-core';

/** Whether `locator`'s element has focus, looking through shadow roots. */
async function focused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active === el;
  });
}

/** Presses Tab (or Shift+Tab) until `locator` has focus: the keyboard's way to get to a field. */
export async function tabTo(page: Page, locator: Locator, max = 80): Promise<void> {
  await locator.waitFor();
  for (let i = 0; i < max; i++) {
    if (await focused(locator)) return;
    await page.keyboard.press('Tab');
  }
  for (let i = 0; i < max; i++) {
    if (await focused(locator)) return;
    await page.keyboard.press('Shift+Tab');
  }
  throw new Error(`could not reach ${locator} with the keyboard`);
}

/** Tabs to a field and types into it. */
export async function typeInto(page: Page, locator: Locator, text: string): Promise<void> {
  await tabTo(page, locator);
  await page.keyboard.type(text);
}

/** Tabs to a control and presses a key on it (Space for checkboxes and radios, Enter for buttons). */
export async function press(page: Page, locator: Locator, key: string): Promise<void> {
  await tabTo(page, locator);
  await page.keyboard.press(key);
}

/**
 * Picks a radio button the keyboard way: Tab into its group (focus lands on the checked or first
 * option), then arrow keys, which move and select.
 */
export async function chooseRadio(page: Page, option: Locator): Promise<void> {
  await option.waitFor();
  const group = option.locator('xpath=ancestor::*[@role="radiogroup" or self::fieldset][1]');
  const first = group.getByRole('radio').first();
  await tabTo(page, (await group.count()) ? first : option);
  for (let i = 0; i < 10 && !(await focused(option)); i++) await page.keyboard.press('ArrowDown');
  if (!(await focused(option))) throw new Error(`could not reach ${option} with the arrow keys`);
  await page.keyboard.press('Space');
}
