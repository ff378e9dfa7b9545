import type { MenuItemConstructorOptions } from 'electron';
import type { MainWords } from '../language/main-words.ts';

/**
 * The application menu in the window's language. Electron's default menu labels its roles in
 * English on Linux and Windows; every item here keeps its role (so the OS and the keyboard shortcuts
 * behave as before) and only takes a translated label. No item opens anything remote or loads a page.
 * Pure, for tests: the host builds it with Menu.buildFromTemplate.
 */
export function appMenu(say: MainWords, platform: NodeJS.Platform, devTools: boolean): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: say('main.menuActualSize') },
    { role: 'zoomIn', label: say('main.menuZoomIn') },
    { role: 'zoomOut', label: say('main.menuZoomOut') },
    { type: 'separator' },
    { role: 'togglefullscreen', label: say('main.menuFullScreen') },
    ...(devTools ? ([{ type: 'separator' }, { role: 'reload', label: say('main.menuReload') }, { role: 'toggleDevTools', label: say('main.menuDevTools') }] as MenuItemConstructorOptions[]) : []),
  ];
  return [
    ...(mac
      ? ([
          {
            label: 'Event Desk',
            submenu: [
              { role: 'about', label: say('main.menuAbout') },
              { type: 'separator' },
              { role: 'hide', label: say('main.menuHide') },
              { role: 'hideOthers', label: say('main.menuHideOthers') },
              { role: 'unhide', label: say('main.menuShowAll') },
              { type: 'separator' },
              { role: 'quit', label: say('main.menuQuit') },
            ],
          },
        ] as MenuItemConstructorOptions[])
      : []),
    { label: say('main.menuFile'), submenu: [mac ? { role: 'close', label: say('main.menuCloseWindow') } : { role: 'quit', label: say('main.menuQuit') }] },
    {
      label: say('main.menuEdit'),
      submenu: [
        { role: 'undo', label: say('main.menuUndo') },
        { role: 'redo', label: say('main.menuRedo') },
        { type: 'separator' },
        { role: 'cut', label: say('main.menuCut') },
        { role: 'copy', label: say('main.menuCopy') },
        { role: 'paste', label: say('main.menuPaste') },
        { role: 'selectAll', label: say('main.menuSelectAll') },
      ],
    },
    { label: say('main.menuView'), submenu: view },
    { label: say('main.menuWindow'), submenu: [{ role: 'minimize', label: say('main.menuMinimize') }, ...(mac ? ([{ role: 'zoom', label: say('main.menuZoom') }] as MenuItemConstructorOptions[]) : [])] },
  ];
}
