// CloudTrail's ResourceName of a resource ARN (mocks/emulator/SEMANTICS.md §5), shared by the
// emulator, which indexes records by it, and the console, which turns an ARN a user gives into the
// value LookupEvents matches. Imports nothing, because mocks/ imports it too.

/** LookupEvents' ResourceName: the ARN's resource part after its last `/`, else its last `:`. */
export function resourceNameOfArn(arn: string): string {
  const parts = arn.split(':');
  const resource = parts.length > 5 ? parts.slice(5).join(':') : arn;
  const slash = resource.lastIndexOf('/');
  if (slash >= 0) return resource.slice(slash + 1);
  const colon = resource.lastIndexOf(':');
  return colon >= 0 ? resource.slice(colon + 1) : resource;
}
