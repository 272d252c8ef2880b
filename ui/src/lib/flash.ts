// A message carried to the next page once, like "Idea DC21-0042 saved" after saving.
let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

/** The waiting message, if any; it is shown once. */
export function takeFlash(): string | null {
  const message = pending;
  pending = null;
  return message;
}
