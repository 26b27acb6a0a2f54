// The identity domain's public face: who acts (Actor, roles, permissions), the user tables other
// domains join for names, and identityAuth, the hooks app.ts lends the HTTP shell.
export { roles, roleCodes, isRoleCode, permissionsOf, makeActor, type Actor, type RoleCode, type Permission } from "./roles.ts";
export { hashPassword } from "./password.ts";
export { activeUsersIn, userById, setUserResidentId, TOTP_REQUIRED_ROLES_KEY } from "./service.ts";
export { identityAuth } from "./httpAuth.ts";
export { appUser, userRole } from "./tables.ts";
