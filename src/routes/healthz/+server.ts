import { json } from '@sveltejs/kit';

/** Liveness: the process answers. Dependencies are /readyz's business. */
export const GET = () => json({ ok: true });
