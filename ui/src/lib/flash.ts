// A message carried to the next page once, like "Idea DC21-0042 saved" after saving, with an
// optional link after it (the duplicates an import flagged, say).
export type FlashLink = { href: string; text: string };
export type Flash = { message: string; link: FlashLink | null };

let pending: Flash | null = null;

export function setFlash(message: string, link: FlashLink | null = null): void {
  pending = { message, link };
}

/** The waiting message, if any; it is shown once. */
export function takeFlash(): Flash | null {
  const flash = pending;
  pending = null;
  return flash;
}
