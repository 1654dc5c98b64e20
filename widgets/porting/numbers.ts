import { html, type TemplateResult } from 'lit';
import type { PortOrder } from '../../contract/port-orders.js';
import type { InvalidField } from '../core/wizard.js';
import type { NumbersSection, NumbersStepApi, PortingHost } from './host.js';

/** Step 3 of `<tk-porting>`: skeleton, to be built (issue 16). */
export class NumbersStep implements NumbersStepApi {
  private section: NumbersSection = {};

  constructor(private readonly host: PortingHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  load(saved: PortOrder['numbers'] | undefined): void {
    this.section = saved ? { country: saved.country, lines: saved.lines.map((l) => l.input) } : {};
    this.host.requestUpdate();
  }

  value(): NumbersSection {
    return this.section;
  }

  render(): TemplateResult {
    return html``;
  }

  invalid(): InvalidField[] {
    return [];
  }

  showErrors(): void {}
}
