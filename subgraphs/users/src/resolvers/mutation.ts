import { parseId, requireRole, requireSelfOrAdmin, requireViewer, type Role } from '@bookstore/kit';
import type { UsersContext } from '../context.js';
import { changePassword } from '../commands/change-password.js';
import { deleteUser } from '../commands/delete-user.js';
import { login, type LoginInput } from '../commands/login.js';
import { logout } from '../commands/logout.js';
import { refreshSession } from '../commands/refresh-session.js';
import { register, type RegisterInput } from '../commands/register.js';
import { setUserRole } from '../commands/set-user-role.js';
import { updateProfile, type UpdateProfileInput } from '../commands/update-profile.js';
import type { UsersDeps } from '../domain/deps.js';
import { throttle, usersRateLimits } from '../domain/throttle.js';

export function mutationResolvers(deps: UsersDeps) {
  return {
    register: async (_: unknown, args: { input: RegisterInput }, ctx: UsersContext) => {
      await throttle(deps, [[usersRateLimits.registerPerIp, ctx.clientIp]]);
      return register(deps, args.input);
    },
    login: (_: unknown, args: { input: LoginInput }, ctx: UsersContext) => login(deps, args.input, ctx.clientIp),
    refreshToken: async (_: unknown, args: { refreshToken: string }, ctx: UsersContext) => {
      await throttle(deps, [[usersRateLimits.refreshPerIp, ctx.clientIp]]);
      return refreshSession(deps, args.refreshToken);
    },
    logout: (_: unknown, args: { refreshToken: string }) => logout(deps, args.refreshToken),
    updateProfile: (_: unknown, args: { input: UpdateProfileInput }, ctx: UsersContext) => updateProfile(deps, requireViewer(ctx.viewer), args.input),
    changePassword: (_: unknown, args: { currentPassword: string; newPassword: string }, ctx: UsersContext) =>
      changePassword(deps, requireViewer(ctx.viewer), args.currentPassword, args.newPassword),
    setUserRole: (_: unknown, args: { userId: string; role: Role }, ctx: UsersContext) => {
      requireRole(ctx.viewer, 'ADMIN');
      return setUserRole(deps, parseId(args.userId, 'userId'), args.role);
    },
    deleteUser: (_: unknown, args: { id: string }, ctx: UsersContext) => {
      const id = parseId(args.id, 'id');
      requireSelfOrAdmin(ctx.viewer, id);
      return deleteUser(deps, id);
    },
  };
}
