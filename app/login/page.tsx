import { redirect } from 'next/navigation';
import { safeNext } from '@/lib/security/access';

// Without a session the root layout shows the login screen instead of this page. Reaching it means
// the request is signed in (or no token is configured): go where the login would have gone.
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  redirect(safeNext(typeof next === 'string' ? next : undefined));
}
