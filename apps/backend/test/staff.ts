import type { TestBackend } from './harness.ts';

export type Role = 'admin' | 'reviewer' | 'viewer';

export interface Member {
  id: number;
  email: string;
  role: Role;
  password: string;
  token: string;
}

let seq = 0;

/** A new staff member of `role`, created with the admin token and signed in. */
export async function givenMember(
  backend: TestBackend,
  role: Role,
  name = `${role} ${seq}`,
  password = `correct horse ${seq} battery`,
): Promise<Member> {
  const email = `${role}.${Date.now() % 1e8}.${seq++}@school.test`;
  const created = await backend.request('POST', '/api/admin/staff', {
    token: backend.adminToken,
    body: { email, name, role, password },
  });
  if (created.status !== 201) throw new Error(`staff create failed: ${created.status} ${JSON.stringify(created.body)}`);
  const signedIn = await backend.request('POST', '/api/staff/login', { body: { email, password } });
  if (signedIn.status !== 200) throw new Error(`staff login failed: ${signedIn.status}`);
  return { id: created.body.id, email, role, password, token: signedIn.body.access_token };
}
