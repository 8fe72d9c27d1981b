/** `mogul serve` (what `npm start` runs): the API until SIGINT or SIGTERM. */
import { startServer } from '../server.ts';

export async function serveCommand(_argv: string[]): Promise<number> {
  const server = await startServer(process.env);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.log('Shutting down…');
  await server.close();
  return 0;
}
