/** Anything no other route matches is a 404 page (rendered by the root error boundary). */
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export async function action() {
  throw new Response("Not found", { status: 404 });
}
