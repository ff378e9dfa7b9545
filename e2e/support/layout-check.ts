import type { Page } from '@playwright/test';

/** One place where text does not fit or controls collide, said so a person can find it. */
export interface LayoutProblem {
  kind: 'clipped' | 'overlap';
  /** A short CSS-like path to the element (tag.class#id › …), and its text. */
  where: string;
  detail: string;
}

export interface LayoutCheckOptions {
  /** Only look inside this element (e.g. an open dialog's `[role="dialog"]`). */
  scope?: string;
  /**
   * Only text matching this counts as clipped: the app's own words. In the pseudo-locale they are accented,
   * so a customer's name or an event name ellipsised by design (the same in every language) is left alone.
   */
  appText?: RegExp;
}

/**
 * Finds text cut off and controls on top of each other in what is on screen now (inside `scope` when
 * given, e.g. an open dialog). Run in the page:
 * - clipped: a visible element with text whose overflow is hidden or clipped (or ellipsised) and whose
 *   content is wider than its box (scrollWidth > clientWidth + 1), or taller when it clips vertically
 *   (a deliberate line clamp apart); or text (a leaf element) that runs out of its visible box over the next one;
 *   visually-hidden helpers for screen readers (1×1 px, clip-path) and the Monaco editor are skipped.
 * - overlap: two visible controls (buttons, links, fields, tabs, radios…) that sit side by side in the
 *   markup — the same parent, looking through wrappers that hold one control each — whose boxes
 *   intersect by more than a pixel each way.
 */
export async function findLayoutProblems(page: Page, { scope, appText }: LayoutCheckOptions = {}): Promise<LayoutProblem[]> {
  return page.evaluate(([selector, appSource, appFlags]) => {
    const isAppText = (text: string): boolean => appSource === null || new RegExp(appSource, appFlags ?? '').test(text);
    const root = selector ? document.querySelector(selector) : document.body;
    if (!root) return [{ kind: 'clipped' as const, where: String(selector), detail: 'scope not found' }];
    const problems: { kind: 'clipped' | 'overlap'; where: string; detail: string }[] = [];
    const describe = (element: Element): string => {
      const parts: string[] = [];
      for (let node: Element | null = element; node && node !== document.body && parts.length < 4; node = node.parentElement) {
        const classes = [...node.classList].slice(0, 2).map((name) => `.${name}`).join('');
        parts.unshift(`${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${classes}`);
      }
      const text = (element as HTMLElement).innerText?.replace(/\s+/g, ' ').trim().slice(0, 60) ?? '';
      return `${parts.join(' › ')} "${text}"`;
    };
    const visible = (element: Element): boolean => {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) return false;
      const style = getComputedStyle(element);
      return style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0;
    };
    // Helpers only screen readers get (React Aria's VisuallyHidden, .visually-hidden): 1 px and clipped on purpose.
    const screenReaderOnly = (element: Element): boolean => {
      const style = getComputedStyle(element);
      return (element as HTMLElement).clientWidth <= 1 || (style.clipPath !== 'none' && style.clipPath !== '') || (style.clip !== 'auto' && style.clip !== '');
    };
    const inEditor = (element: Element): boolean => element.closest('.monaco-editor, [data-testid="data-editor"] .monaco-editor') !== null;

    for (const element of root.querySelectorAll<HTMLElement>('*')) {
      if (inEditor(element) || !visible(element) || screenReaderOnly(element)) continue;
      const text = element.innerText?.trim() ?? '';
      if (text === '' || !isAppText(text)) continue;
      const style = getComputedStyle(element);
      const clipsX = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
      const clipsY = ['hidden', 'clip'].includes(style.overflowY);
      // Text that runs out of its visible box (a word too long to wrap, or nowrap) lies over whatever is next to it.
      const spills = !clipsX && style.overflowX === 'visible' && style.display !== 'inline' && element.children.length === 0;
      if (spills && element.scrollWidth > element.clientWidth + 1) problems.push({ kind: 'clipped', where: describe(element), detail: `text ${element.scrollWidth}px wide runs out of its ${element.clientWidth}px box` });
      // Scrolling containers (auto/scroll) show the rest on demand: not clipped.
      else if (clipsX && element.scrollWidth > element.clientWidth + 1) problems.push({ kind: 'clipped', where: describe(element), detail: `content ${element.scrollWidth}px wide in ${element.clientWidth}px` });
      else if (clipsY && element.scrollHeight > element.clientHeight + 1 && style.webkitLineClamp === 'none') {
        problems.push({ kind: 'clipped', where: describe(element), detail: `content ${element.scrollHeight}px tall in ${element.clientHeight}px` });
      }
    }

    const CONTROL = 'button, a[href], input:not([type="hidden"]), select, textarea, [role="button"], [role="tab"], [role="radio"], [role="checkbox"], [role="switch"], [role="combobox"], [role="link"], [role="menuitem"], [role="option"], [role="slider"], [role="spinbutton"]';
    const controls = [...root.querySelectorAll(CONTROL)].filter((element) => !inEditor(element) && visible(element) && !screenReaderOnly(element));
    // Controls nested in controls (a button inside an option) are one thing, not neighbours.
    const outer = controls.filter((element) => !controls.some((other) => other !== element && other.contains(element)));
    // Each control's slot: the largest ancestor holding no other control, so wrappers do not hide neighbours.
    const slotOf = (element: Element): Element => {
      let slot = element;
      while (slot.parentElement && slot.parentElement !== root && outer.filter((other) => slot.parentElement!.contains(other)).length === 1) slot = slot.parentElement;
      return slot;
    };
    const byParent = new Map<Element | null, Element[]>();
    for (const element of outer) {
      const parent = slotOf(element).parentElement;
      byParent.set(parent, [...(byParent.get(parent) ?? []), element]);
    }
    for (const siblings of byParent.values()) {
      for (let i = 0; i < siblings.length; i += 1) {
        for (let j = i + 1; j < siblings.length; j += 1) {
          const a = siblings[i]!.getBoundingClientRect();
          const b = siblings[j]!.getBoundingClientRect();
          const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (across > 1 && down > 1) problems.push({ kind: 'overlap', where: `${describe(siblings[i]!)} and ${describe(siblings[j]!)}`, detail: `${Math.round(across)}×${Math.round(down)}px` });
        }
      }
    }
    return problems;
  }, [scope ?? null, appText?.source ?? null, appText?.flags ?? null] as const);
}
