import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenu } from '../../src/main/electron/app-menu.ts';
import { mainWords } from '../../src/main/language/main-words.ts';

// Issue 18: the application menu in the window's language (Electron's default labels its roles in English).
function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.label ? [item.label] : []), ...(Array.isArray(item.submenu) ? labels(item.submenu) : [])]);
}
function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}

describe('the application menu', () => {
  it('speaks Polish and Ukrainian, keeps every role (shortcuts, OS behaviour), and no English is left', () => {
    const english = new Set(labels(appMenu(mainWords('en'), 'linux', true)));
    for (const locale of ['pl', 'uk'] as const) {
      for (const platform of ['linux', 'win32', 'darwin'] as const) {
        const menu = appMenu(mainWords(locale), platform, false);
        expect(roles(menu)).toEqual(roles(appMenu(mainWords('en'), platform, false)));
        // The app's own name stays ("Event Desk" as the macOS app menu's title).
        expect(labels(menu).filter((label) => english.has(label) && label !== 'Event Desk')).toEqual([]);
      }
    }
    expect(labels(appMenu(mainWords('pl'), 'linux', false)).slice(0, 2)).toEqual(['Plik', 'Zakończ Event Desk']);
    expect(labels(appMenu(mainWords('uk'), 'win32', false))).toContain('Копіювати');
  });

  it('offers reload and developer tools only in development', () => {
    expect(roles(appMenu(mainWords('en'), 'linux', false))).not.toContain('toggleDevTools');
    expect(roles(appMenu(mainWords('en'), 'linux', false))).not.toContain('reload');
    expect(roles(appMenu(mainWords('en'), 'linux', true))).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });
});
