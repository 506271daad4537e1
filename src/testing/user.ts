import type { UserEvent } from '@testing-library/user-event';

/**
 * Puts `text` into a field as a user who clicks it and pastes: the field gets the same input events
 * as from typing, at once instead of key by key. Each key re-renders the page, which in jsdom
 * costs tens of milliseconds; use `user.type` where a test is about typing (keys, completion as
 * one types).
 */
export async function pasteInto(user: UserEvent, field: HTMLElement, text: string): Promise<void> {
  await user.click(field);
  await user.paste(text);
}
