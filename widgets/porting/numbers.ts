import { html, type TemplateResult } from 'lit';
import type { InvalidField } from '../core/wizard.js';
import type { NumbersSection, NumbersStepApi, PortingHost } from './host.js';

/** Step 3 of `<tk-porting>`: skeleton, to be built (issue 16). */
export class NumbersStep implements NumbersStepApi {
  private section: NumbersSection = {};

  constructor(private readonly host: PortingHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  load(section: NumbersSection | undefined): void {
    this.section = { ...section };
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
