/**
 * Registers a custom element unless a tag of that name exists already, so two copies of the kit on one
 * page (a loader and a bundle, or two versions) never throw.
 */
export function defineOnce(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
