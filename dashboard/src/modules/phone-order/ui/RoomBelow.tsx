/**
 * macaw-ui's Select lists always open below their field, as `position: fixed` in the app's iframe, so a field near
 * the iframe's bottom edge opens a list nobody can reach (scrolling does not move it). When a list opens here,
 * the field is scrolled to the middle of the iframe first; the page ends with room for a list below its last field.
 */
import { Box } from "@saleor/macaw-ui";
import type { KeyboardEvent, ReactNode } from "react";

/** Height of macaw-ui's tallest list (230px) and a margin. */
export const LIST_ROOM_PX = 250;

const OPENING_KEYS = new Set(["ArrowDown", "ArrowUp", "Enter", " "]);

export function needsRoom(fieldBottom: number, viewportHeight: number): boolean {
  return fieldBottom + LIST_ROOM_PX > viewportHeight;
}

function makeRoom(field: HTMLElement) {
  if (needsRoom(field.getBoundingClientRect().bottom, window.innerHeight)) field.scrollIntoView({ block: "center" });
}

/** Wraps one Select: opening its list (a click, or a key that opens it) first brings it where the list fits. */
export function RoomBelow({ children }: { children: ReactNode }) {
  return (
    <Box
      onClick={(event) => makeRoom(event.currentTarget)}
      onKeyDown={(event: KeyboardEvent<HTMLElement>) => OPENING_KEYS.has(event.key) && makeRoom(event.currentTarget)}
    >
      {children}
    </Box>
  );
}
