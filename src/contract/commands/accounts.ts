import { z } from 'zod';
import { ROLE_LABELS, type Role } from '../../domain/workflow';
import { ADMIN, ALL, command, everyOffice, publicCommand, type OfficeMode } from '../command';
import { scope } from '../scope';
import { idSchema, textString } from '../schemas';

export type UserView = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  villageId: number | null;
  villageName: string | null;
  active: boolean;
  /** Sign-in refused until then after wrong passwords (ISO time), or null. */
  lockedUntil: string | null;
};

export type SessionInfo = {
  /** No account exists yet: the first start asks for the administrator. */
  needsSetup: boolean;
  /**
   * Set when there are no accounts but an interrupted restore left data behind (issue 11): first-start setup is
   * refused and this message shown instead, so nobody makes himself administrator of an office that only looks empty.
   */
  setupBlocked: string | null;
  user: UserView | null;
  locked: boolean;
  idleLockMinutes: number;
  /** Which office this database is (issue 15); null before first start has chosen. */
  mode: OfficeMode | null;
  /** The county bureau's name in county mode. */
  countyName: string | null;
};

export type LoginResult = { token: string; user: UserView };

const ROLES = Object.keys(ROLE_LABELS) as [Role, ...Role[]];

export const passwordSchema = textString({ error: '请输入密码' })
  .min(8, '密码至少8位')
  .max(64, '密码不能超过64位')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), '密码须同时包含字母和数字');

export const usernameSchema = textString({ error: '请输入用户名' })
  .trim()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, '用户名为3至32位字母、数字或 _ . -，以字母开头');

export const userFieldsSchema = z
  .object({
    displayName: textString({ error: '请输入姓名' }).trim().min(1, '请输入姓名').max(20, '姓名不能超过20个字'),
    role: z.enum(ROLES, { error: '请选择角色' }),
    villageId: idSchema.nullish().transform((v) => v ?? null),
  })
  .superRefine((u, ctx) => {
    if (u.role === 'cadre' && u.villageId === null) {
      ctx.addIssue({ code: 'custom', path: ['villageId'], message: '村干部须指定所属村（社区）' });
    }
  });

// Every office, township or county, has accounts and sessions (issue 15).
export const accountCommands = everyOffice({
  'session-status': publicCommand<SessionInfo>()(z.object({})),
  'account-setup': publicCommand<LoginResult>()(
    z.object({
      username: usernameSchema,
      displayName: textString().trim().min(1, '请输入姓名').max(20),
      password: passwordSchema,
      /** 乡镇民政所 (the default: the case desk) or 县民政局 (receives the townships' packages); fixed once chosen. */
      mode: z.enum(['township', 'county'], { error: '请选择本单位是乡镇民政所还是县民政局' }).default('township'),
      /** The county bureau's name, asked only of a county office (shown on its reports). */
      countyName: textString().trim().max(40, '单位名称不能超过40个字').nullish().transform((v) => v || null),
    }).superRefine((v, ctx) => {
      if (v.mode === 'county' && !v.countyName) ctx.addIssue({ code: 'custom', path: ['countyName'], message: '请填写县民政局名称' });
    }),
  ),
  'session-login': publicCommand<LoginResult>()(
    z.object({ username: textString().trim().min(1, '请输入用户名'), password: textString().min(1, '请输入密码') }),
  ),
  'session-unlock': publicCommand<{ ok: true }>()(z.object({ password: textString().min(1, '请输入密码') })),
  'session-lock': command<{ ok: true }>()(z.object({}), ALL, scope.office),
  'session-logout': command<{ ok: true }>()(z.object({}), ALL, scope.office),
  'password-change': command<{ ok: true }>()(z.object({ oldPassword: textString().min(1, '请输入原密码'), newPassword: passwordSchema }), ALL, scope.office),

  'user-list': command<UserView[]>()(z.object({}), ADMIN, scope.office),
  'user-create': command<UserView>()(userFieldsSchema.safeExtend({ username: usernameSchema, password: passwordSchema }), ADMIN, scope.office),
  'user-update': command<UserView>()(userFieldsSchema.safeExtend({ id: idSchema, active: z.boolean() }), ADMIN, scope.office),
  'user-unlock': command<UserView>()(z.object({ id: idSchema }), ADMIN, scope.office),
  'user-reset-password': command<{ ok: true }>()(z.object({ id: idSchema, password: passwordSchema }), ADMIN, scope.office),
} as const);
