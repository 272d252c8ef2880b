// Who uses this copy of Shortlist: the roles the first run and Settings offer, with the Rust
// side's words (UserRole's `ALL` and `label()`, through the generated rules table).
import type { UserRole } from "./api";
import { choicesOf } from "./evaluation";
import { CHOICES } from "./rules.generated";

export const ROLES = choicesOf<UserRole>(CHOICES.UserRole);
