import { nothing, type ReactiveController, type ReactiveControllerHost, render } from 'lit';

/**
 * Renders part of a component into its light DOM, where the page's document can see it, and lets the
 * shadow root place it with `<slot>`s. Only for what must be outside the shadow root: inputs that
 * password managers fill (username, password, one-time code) and the labels, hints and errors that
 * name and describe them (ARIA references do not cross shadow roots).
 *
 * Set `content` while rendering; it is rendered into the host right after the shadow root.
 */
export class LightDomController implements ReactiveController {
  content: unknown = nothing;
  private rendered = false;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.content === nothing && !this.rendered) return; // leaves the light DOM of a host that never used it alone
    this.rendered = true;
    render(this.content, this.host, { host: this.host });
  }

  /** Resolves once the light-DOM elements rendered by the host (and their own light DOM) have rendered. */
  async settled(): Promise<void> {
    const pending = [...this.host.querySelectorAll('*')].map((el) => (el as Partial<ReactiveControllerHost>).updateComplete);
    await Promise.all(pending.filter(Boolean));
  }
}
