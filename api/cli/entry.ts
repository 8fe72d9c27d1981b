/** Everything the bundled CLI offers: the core commands plus those of api/ (serve, import, …). */
export { main } from './main.ts';
