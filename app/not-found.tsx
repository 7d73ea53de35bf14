import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="rounded-lg border border-dashed border-line px-4 py-10 text-center">
      <p className="font-medium">Page not found</p>
      <Link href="/" className="mt-2 inline-block text-sm text-accent hover:underline">Back to the overview</Link>
    </div>
  );
}
