// The identity domain's public face.
export { roles, roleCodes, isRoleCode, permissionsOf, makeActor, type Actor, type RoleCode, type Permission } from "./roles.ts";
export { hashPassword } from "./password.ts";
export { activeUsersIn, userById, TOTP_REQUIRED_ROLES_KEY } from "./service.ts";
export { appUser, userRole } from "./tables.ts";
export { identityRoutes } from "./routes.ts";
