// GraphiQL 5 renders each tab as an <li role="tab"> holding two buttons, one that selects the tab
// and one that closes it: controls nested in a control, inside a tab list that may hold only tabs
// (axe: nested-interactive, aria-required-children). Here the button that selects a tab is the
// tab, its <li> only lays it out, and the close button is for the mouse: from the keyboard, Delete
// on a tab closes it, as the WAI-ARIA tabs pattern suggests. React sets aria-selected on the <li>
// whenever the active tab changes, so the observer moves it again each time.
export function keepTabsAccessible(root: HTMLElement): void {
  const fix = () => {
    for (const item of root.querySelectorAll<HTMLElement>('.graphiql-tabs > li')) {
      const tab = item.querySelector<HTMLElement>('.graphiql-tab-button');
      if (tab === null) {
        continue;
      }
      setAttributes(item, { role: 'presentation' });
      setAttributes(tab, { role: 'tab' });
      const selected = item.getAttribute('aria-selected');
      if (selected !== null) {
        tab.setAttribute('aria-selected', selected);
        item.removeAttribute('aria-selected');
      }
      const close = item.querySelector<HTMLElement>('.graphiql-tab-close');
      if (close !== null) {
        setAttributes(close, { tabindex: '-1', 'aria-hidden': 'true' });
        setAttributes(tab, { 'aria-keyshortcuts': 'Delete' });
      } else if (tab.hasAttribute('aria-keyshortcuts')) {
        tab.removeAttribute('aria-keyshortcuts');
      }
    }
  };
  new MutationObserver(fix).observe(root, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['role', 'aria-selected'],
  });
  root.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (event.key === 'Delete' && target.matches('.graphiql-tab-button')) {
      target.closest('li')?.querySelector<HTMLElement>('.graphiql-tab-close')?.click();
    }
  });
}

/** Sets only what differs, so that the observer's own changes settle. */
function setAttributes(element: HTMLElement, attributes: Record<string, string>): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (element.getAttribute(name) !== value) {
      element.setAttribute(name, value);
    }
  }
}
