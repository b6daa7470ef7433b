/** What is wrong with one field of a form, under it (pointed to by the field's aria-describedby). */
export function FieldProblem({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <span id={id} className="field__problem" role="alert">
      {message}
    </span>
  );
}
