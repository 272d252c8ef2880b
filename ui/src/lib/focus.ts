// In-page links without touching the hash: the hash belongs to the router (see router.ts).

/**
 * Moves focus to the element a `#id` link names, as GOV.UK Frontend's error summary does: the
 * field's label or fieldset legend is scrolled into view with the field, so the question is seen.
 */
export function focusTarget(hrefOrId: string, doc: Document = document): boolean {
  const id = hrefOrId.replace(/^#/, "");
  const target = doc.getElementById(id);
  if (!target) return false;
  // A list field's anchor (`#datasets`) names its group; its first input is what to fix.
  const element = target.matches("fieldset, [data-field-group]")
    ? (target.querySelector<HTMLElement>("input, select, textarea, button") ?? target)
    : target;
  const legend = element.closest("fieldset")?.querySelector("legend");
  const label = element.id ? [...doc.querySelectorAll("label")].find((l) => l.htmlFor === element.id) : undefined;
  const context = legend ?? label ?? element;
  context.scrollIntoView?.();
  if (!element.hasAttribute("tabindex") && !isFocusable(element)) element.setAttribute("tabindex", "-1");
  element.focus({ preventScroll: true });
  return true;
}

function isFocusable(element: Element): boolean {
  return element.matches("a[href], button, input, select, textarea, [tabindex]");
}
