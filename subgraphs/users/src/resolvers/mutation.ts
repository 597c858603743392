import { parseId, requireRole, requireSelfOrAdmin, requireViewer, type Role } from '@bookstore/kit';
import type { UsersContext } from '../context.js';
import { changePassword, deleteUser, register, setUserRole, updateProfile, type RegisterInput, type UpdateProfileInput } from '../domain/accounts.js';
import type { UsersDeps } from '../domain/deps.js';
import { login, logout, refreshSession, type LoginInput } from '../domain/sessions.js';
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
