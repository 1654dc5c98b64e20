import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { z } from 'zod';
import type { numbersSectionSchema, PortOrder, portingOptionsSchema } from '../../contract/port-orders.js';
import type { Locale } from '../../contract/locales.js';
import type { Kit } from '../core/context.js';
import type { InvalidField } from '../core/wizard.js';

/** `GET /v1/port-orders/options`: products, licence prices, VAT, today in Zurich, the earliest porting date, providers. */
export type PortingOptions = z.infer<typeof portingOptionsSchema>;
/** The numbers step's part of a draft (`PATCH /v1/port-orders/:id` `{ numbers }`). */
export type NumbersSection = z.infer<typeof numbersSectionSchema>;

/**
 * What `<tk-porting>` offers its steps' modules (the numbers step in `numbers.ts`): the kit, the language,
 * the options and the order as the server has it. The seam between the wizard and the numbers step.
 */
export interface PortingHost extends ReactiveControllerHost, HTMLElement {
  headingLevel: number;
  /** The kit (API, session), once there. */
  readonly currentKit: Kit | undefined;
  readonly currentLocale: Locale;
  /** Loaded when the wizard opens. */
  options: PortingOptions | undefined;
  /** The draft (or the order in clarification) as last saved; undefined before the first save. */
  order: PortOrder | undefined;
}

/**
 * The numbers step (step 3): numbers with their live report, current provider, signing authority, timing,
 * partial or full port, note. A controller of the host: the wizard renders it inside `[data-step="numbers"]`,
 * asks it for its problems before moving on, saves `value()`, and hands it the server's field errors.
 */
export interface NumbersStepApi extends ReactiveController {
  /** Takes the saved section as the server answers it (a draft reopened, or the order to edit after a clarification). */
  load(saved: PortOrder['numbers'] | undefined): void;
  /** The section as entered, for `PATCH { numbers, complete: 'numbers' }`. */
  value(): NumbersSection;
  /** The step's fields. */
  render(): TemplateResult;
  /** Asks the BFF about the lines as they are now (a line typed just before "Weiter"); resolves when the answer is in. */
  check(): Promise<void>;
  /** Client-side problems, each with the control to focus from the error summary (form order). */
  invalid(): InvalidField[];
  /** The BFF's field errors for paths under `numbers.` (and a `numbers_flagged` report), shown at their fields. */
  showErrors(errors: Map<string, { code: string; message: string }>, report?: unknown): void;
}
