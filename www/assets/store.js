// Stadtwerke Lotsenhafen demo: the process state carried between pages in sessionStorage.

/** The tariff switch's answers so far. */
export const SWITCH = "lotsenhafen.switch";
/** The last confirmed order, shown on the done page. */
export const ORDER = "lotsenhafen.order";
/** The last submitted meter reading. */
export const METER = "lotsenhafen.meter";

/** The object stored under `key`, or `{}` when there is none (or storage is off). */
export function load(key) {
  try {
    const value = JSON.parse(sessionStorage.getItem(key) ?? "{}");
    return value && typeof value === "object" ? value : {};
  } catch {
    return {};
  }
}

/** Merges `patch` into the object stored under `key`. */
export function save(key, patch) {
  const next = { ...load(key), ...patch };
  try {
    sessionStorage.setItem(key, JSON.stringify(next));
  } catch {
    // Storage full or disabled: the process still works on this page.
  }
  return next;
}

/** Forgets `key`. */
export function clear(key) {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Nothing stored, nothing to clear.
  }
}
