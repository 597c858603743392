import { requireRole, requireSelfOrAdmin, requireViewer, type Role } from '@bookstore/server-core';
import { parseId } from '@bookstore/subgraph-runtime';
import { changePassword } from '../commands/change-password.js';
import { deleteUser } from '../commands/delete-user.js';
import { login, type LoginInput } from '../commands/login.js';
import { logout } from '../commands/logout.js';
import { refreshSession } from '../commands/refresh-session.js';
import { register, type RegisterInput } from '../commands/register.js';
import { setUserRole } from '../commands/set-user-role.js';
import { updateProfile, updateUser, type UpdateProfileInput } from '../commands/update-profile.js';
import type { UsersContext } from '../context.js';
import { throttle, usersRateLimits } from '../domain/throttle.js';

export const Mutation = {
  register: async (_: unknown, args: { input: RegisterInput }, ctx: UsersContext) => {
    await throttle(ctx.deps, [[usersRateLimits.registerPerIp, ctx.clientIp]]);
    return register(ctx.deps, args.input);
  },
  login: (_: unknown, args: { input: LoginInput }, ctx: UsersContext) => login(ctx.deps, args.input, ctx.clientIp),
  refreshToken: async (_: unknown, args: { refreshToken: string }, ctx: UsersContext) => {
    await throttle(ctx.deps, [[usersRateLimits.refreshPerIp, ctx.clientIp]]);
    return refreshSession(ctx.deps, args.refreshToken);
  },
  logout: (_: unknown, args: { refreshToken: string }, ctx: UsersContext) => logout(ctx.deps, args.refreshToken),
  updateProfile: (_: unknown, args: { input: UpdateProfileInput }, ctx: UsersContext) => updateProfile(ctx.deps, requireViewer(ctx.viewer), args.input),
  changePassword: (_: unknown, args: { currentPassword: string; newPassword: string }, ctx: UsersContext) =>
    changePassword(ctx.deps, requireViewer(ctx.viewer), args.currentPassword, args.newPassword),
  setUserRole: (_: unknown, args: { userId: string; role: Role }, ctx: UsersContext) => {
    requireRole(ctx.viewer, 'ADMIN');
    return setUserRole(ctx.deps, parseId(args.userId, 'userId'), args.role);
  },
  updateUser: (_: unknown, args: { id: string; input: UpdateProfileInput }, ctx: UsersContext) => {
    requireRole(ctx.viewer, 'ADMIN');
    return updateUser(ctx.deps, parseId(args.id, 'id'), args.input);
  },
  deleteUser: (_: unknown, args: { id: string }, ctx: UsersContext) => {
    const id = parseId(args.id, 'id');
    requireSelfOrAdmin(ctx.viewer, id);
    return deleteUser(ctx.deps, id);
  },
};
