// The one door to the Rust side. Every Tauri call goes through the generated `commands` in
// ../bindings.ts; pages import from here so that tests can replace the backend in one place.
export { commands } from "../bindings";
export type {
  ApiError,
  AppInfo,
  Challenge,
  ChallengeId,
  ChallengeInput,
  DataDirSource,
  ErrorCode,
  FieldError,
  Idea,
  IdeaId,
  IdeaInput,
  IdeaSummary,
  Marking,
  Reference,
} from "../bindings";

/** What every fallible command resolves to (tauri-specta's typed-error shape). */
export type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };
