// The emulator's home page: its two hosts, the demo users (with their security tokens when the password is the
// documented default), and where the app's settings are.
import { Router } from 'express';
import type { EmulatorContext } from '../context.ts';
import { securityToken } from '../org.ts';

export function homeEndpoint(ctx: EmulatorContext): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    // A password of one's own choosing keeps its tokens private: then only Setup (an administrator) shows them.
    const showTokens = ctx.options.demoPasswordHint !== undefined;
    res.render('emulator/home', {
      title: 'Home',
      users: ctx.users.map((user) => ({
        ...user,
        securityToken: showTokens ? securityToken(ctx.options.password, user.id) : undefined,
      })),
      clientId: ctx.options.clientId,
    });
  });
  return router;
}
