import type { ClientInit } from '@sveltejs/kit';
import { installCsrfFetch } from '$lib/access/client';

export const init: ClientInit = () => {
  installCsrfFetch();
};
