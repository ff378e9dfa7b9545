import { lazy, Suspense, useState, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';

/** A component whose code is fetched the first time it is needed, and can be fetched ahead (on hover, say). */
export interface OnFirstUse<Props extends object> {
  /** Starts (or joins) the download; a failed one is tried again on the next call. */
  load: () => Promise<unknown>;
  Component: LazyExoticComponent<ComponentType<Props>>;
}

/**
 * Wraps a dynamic import for React.lazy. The features keep their named exports: `pick` takes the
 * component out of the module, so nothing in the feature's own files has to change for it.
 */
export function onFirstUse<Module, Props extends object>(importer: () => Promise<Module>, pick: (module: Module) => ComponentType<Props>): OnFirstUse<Props> {
  let loading: Promise<Module> | null = null;
  const load = () => {
    loading ??= importer().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
  return { load, Component: lazy(async () => ({ default: pick(await load()) })) };
}

/**
 * Renders a lazily loaded dialog from the first time it opens, and keeps it mounted after that, so
 * that closing it (its exit, its undo timers, its own state) works exactly as when it was always there.
 */
export function MountOnceOpened({ open, children }: { open: boolean; children: ReactNode }) {
  const [opened, setOpened] = useState(open);
  // Setting state while rendering is React's way to derive it from a prop without an extra commit.
  if (open && !opened) setOpened(true);
  return opened ? <Suspense fallback={null}>{children}</Suspense> : null;
}
