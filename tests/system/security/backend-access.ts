import type { TestBackend } from '../../../apps/backend/test/harness.ts';
import { givenMember } from '../../../apps/backend/test/staff.ts';
import { type AccessTable, docsRoutes } from './access.ts';
import {
  givenConversation,
  givenFreshStudent,
  givenJob,
  givenMemory,
  givenMessage,
  givenPersona,
  givenPrompt,
  givenQuestion,
  givenReply,
  givenRunningJob,
  givenStoppedJob,
  personaJobResult,
  stoppedPersonaJobResult,
  unique,
} from './given.ts';
import { givenApprovedRevision, givenCorrection, givenPendingRevision } from './given-personas.ts';
import { givenAlert } from './given-safety.ts';

/**
 * The Backend's access policy, one entry per route it registers (a HEAD route follows its GET entry).
 * A route missing here fails the access matrix test; so does an entry for a route that is gone.
 */
export const BACKEND_ACCESS: AccessTable<TestBackend> = {
  // open: the health probe, logging in, the API description and the web UI
  'GET /api/health': { access: 'open', status: 200, request: () => ({ path: '/api/health' }) },
  'POST /api/auth/login': {
    access: 'open',
    status: 200,
    request: () => ({ path: '/api/auth/login', body: { identifier: `Login${unique()}` } }),
  },
  'POST /api/auth/login/phone': {
    access: 'open',
    status: 200,
    request: () => ({ path: '/api/auth/login/phone', body: { phone_number: `9${Date.now() % 1e9}`.padEnd(10, '7') } }),
  },
  ...docsRoutes(),
  'GET /': { access: 'open', status: 200, request: () => ({ path: '/' }) },
  'GET /index.html': { access: 'open', status: 200, request: () => ({ path: '/index.html' }) },
  'GET /*': { access: 'open', status: 200, request: () => ({ path: '/students/7' }) },

  // a student's own account and conversations
  'GET /api/auth/me': { access: 'student', status: 200, request: () => ({ path: '/api/auth/me' }) },
  'GET /api/conversations': { access: 'student', status: 200, request: () => ({ path: '/api/conversations' }) },
  'POST /api/conversations': {
    access: 'student',
    status: 201,
    request: () => ({ path: '/api/conversations', body: { title: 'Rivers' } }),
  },
  'GET /api/conversations/:id': {
    access: 'student',
    owned: true,
    status: 200,
    request: async (b, owner) => ({ path: `/api/conversations/${await givenConversation(b, owner)}` }),
  },
  'DELETE /api/conversations/:id': {
    access: 'student',
    owned: true,
    status: 204,
    request: async (b, owner) => ({ path: `/api/conversations/${await givenConversation(b, owner)}` }),
  },
  'PUT /api/conversations/:id/title': {
    access: 'student',
    owned: true,
    status: 200,
    request: async (b, owner) => ({
      path: `/api/conversations/${await givenConversation(b, owner)}/title`,
      body: { title: 'Renamed' },
    }),
  },
  'GET /api/conversations/:id/memory': {
    access: 'student',
    owned: true,
    status: 200,
    request: async (b, owner) => {
      const conversationId = await givenConversation(b, owner);
      await givenMemory(b, conversationId);
      return { path: `/api/conversations/${conversationId}/memory` };
    },
  },
  'POST /api/conversations/:id/messages': {
    access: 'student',
    owned: true,
    status: 200,
    request: async (b, owner) => ({
      path: `/api/conversations/${await givenConversation(b, owner)}/messages`,
      body: { content: 'Why do cats purr?', purpose: 'test' },
    }),
  },
  'GET /api/conversations/:id/messages': {
    access: 'student',
    owned: true,
    status: 200,
    request: async (b, owner) => ({ path: `/api/conversations/${await givenConversation(b, owner)}/messages` }),
  },
  'GET /api/messages/:id/response': {
    access: 'student',
    owned: true,
    status: 202,
    request: async (b, owner) => ({ path: `/api/messages/${(await givenQuestion(b, owner)).messageId}/response` }),
  },
  'GET /api/messages/:id/pipeline_steps': {
    access: 'student-or-admin',
    owned: true,
    status: 200,
    request: async (b, owner) => ({ path: `/api/messages/${await givenReply(b, owner)}/pipeline_steps` }),
  },
  'POST /api/feedback/': {
    access: 'student',
    status: 200,
    request: () => ({ path: '/api/feedback/', body: { feedback_data: { rating: 'up' } } }),
  },

  // the Brain's side of a chat turn
  'POST /api/internal/brain_response': {
    access: 'internal',
    status: 202,
    request: async (b, owner) => {
      const { conversationId, messageId } = await givenQuestion(b, owner);
      return {
        path: '/api/internal/brain_response',
        body: {
          user_id: owner.id,
          conversation_id: conversationId,
          original_message_id: messageId,
          llm_response: 'Good question!',
          pipeline_data: {},
        },
      };
    },
  },
  'POST /api/internal/brain_failure': {
    access: 'internal',
    status: 202,
    request: async (b, owner) => ({
      path: '/api/internal/brain_failure',
      body: { original_message_id: (await givenQuestion(b, owner)).messageId, detail: 'The model is down.' },
    }),
  },
  'GET /api/internal/conversations/:id/messages_for_brain': {
    access: 'internal',
    status: 200,
    request: async (b, owner) => ({
      path: `/api/internal/conversations/${(await givenQuestion(b, owner)).conversationId}/messages_for_brain`,
    }),
  },

  'GET /api/internal/conversations/:id/turn_context': {
    access: 'internal',
    status: 200,
    request: async (b, owner) => ({
      path: `/api/internal/conversations/${(await givenQuestion(b, owner)).conversationId}/turn_context?purpose=chat`,
    }),
  },

  // memories and personas
  'POST /api/memories': {
    access: 'internal',
    status: 200,
    request: async (b, owner) => ({
      path: '/api/memories',
      body: { conversation_id: await givenConversation(b, owner), memory_data: { main_topics: ['rivers'] } },
    }),
  },
  'GET /api/internal/users/:user_id/memories': {
    access: 'internal',
    status: 200,
    request: (_b, owner) => ({ path: `/api/internal/users/${owner.id}/memories` }),
  },
  'GET /api/internal/conversations/:id/memory': {
    access: 'internal',
    status: 200,
    request: async (b, owner) => {
      const conversationId = await givenConversation(b, owner);
      await givenMemory(b, conversationId);
      return { path: `/api/internal/conversations/${conversationId}/memory` };
    },
  },
  'POST /api/user-personas': {
    access: 'internal',
    status: 200,
    request: (_b, owner) => ({
      path: '/api/user-personas',
      body: { user_id: owner.id, persona_data: { persona: 'Likes rivers.' } },
    }),
  },
  'GET /api/internal/users/:user_id/persona': {
    access: 'internal',
    status: 200,
    request: async (b, owner) => {
      await givenPersona(b, owner.id);
      return { path: `/api/internal/users/${owner.id}/persona` };
    },
  },

  // persona governance: the generator writes revisions, operators review them, students see their own
  'POST /api/internal/users/:user_id/persona-revisions': {
    access: 'internal',
    status: 201,
    request: (_b, owner) => ({
      path: `/api/internal/users/${owner.id}/persona-revisions`,
      body: { persona_data: { persona: 'Likes rivers.' }, evidence: [], job_id: null },
    }),
  },
  'GET /api/users/:user_id/persona/revisions': {
    access: 'admin',
    status: 200,
    request: async (b, owner) => {
      await givenPersona(b, owner.id);
      return { path: `/api/users/${owner.id}/persona/revisions` };
    },
  },
  'GET /api/persona-revisions': { access: 'admin', status: 200, request: () => ({ path: '/api/persona-revisions' }) },
  'GET /api/persona-revisions/:id': {
    access: 'admin',
    status: 200,
    request: async (b, owner) => ({ path: `/api/persona-revisions/${await givenApprovedRevision(b, owner.id)}` }),
  },
  'POST /api/persona-revisions/:id/approve': {
    access: 'admin',
    status: 200,
    request: async (b, owner) => ({
      path: `/api/persona-revisions/${await givenPendingRevision(b, owner.id)}/approve`,
    }),
  },
  'POST /api/persona-revisions/:id/reject': {
    access: 'admin',
    status: 200,
    request: async (b, owner) => ({
      path: `/api/persona-revisions/${await givenPendingRevision(b, owner.id)}/reject`,
      body: { reason: 'Not supported by her words.' },
    }),
  },
  'POST /api/persona-revisions/:id/restore': {
    access: 'admin',
    status: 201,
    request: async (b, owner) => ({
      path: `/api/persona-revisions/${await givenApprovedRevision(b, owner.id)}/restore`,
    }),
  },
  'GET /api/admin/settings': { access: 'admin', status: 200, request: () => ({ path: '/api/admin/settings' }) },
  // naming nothing: the matrix must not change the review policy other requests run under
  'PATCH /api/admin/settings': {
    access: 'admin',
    status: 200,
    request: () => ({ path: '/api/admin/settings', body: {} }),
  },
  // another student has no persona of their own here, so they get 404 like for anyone else's data
  'GET /api/me/persona': {
    access: 'student',
    owned: true,
    status: 200,
    request: async (b, owner) => {
      await givenPersona(b, owner.id);
      return { path: '/api/me/persona' };
    },
  },
  'POST /api/me/persona/corrections': {
    access: 'student',
    status: 201,
    request: () => ({
      path: '/api/me/persona/corrections',
      body: { text: 'I do not like volcanoes.', key: 'persona' },
    }),
  },
  'GET /api/persona-corrections': {
    access: 'admin',
    status: 200,
    request: () => ({ path: '/api/persona-corrections' }),
  },
  'POST /api/persona-corrections/:id/resolve': {
    access: 'admin',
    status: 200,
    request: async (b, owner) => ({
      path: `/api/persona-corrections/${await givenCorrection(b, owner)}/resolve`,
      body: { note: 'Fixed.' },
    }),
  },

  // safety alerts: for operators only (a child's flagged words)
  'GET /api/admin/safety/alerts': {
    access: 'admin',
    status: 200,
    request: () => ({ path: '/api/admin/safety/alerts?status=open' }),
  },
  'POST /api/admin/safety/alerts/:id/resolve': {
    access: 'admin',
    status: 200,
    request: async (b, owner) => ({
      path: `/api/admin/safety/alerts/${await givenAlert(b, owner)}/resolve`,
      body: { note: 'Talked with the class teacher.' },
    }),
  },

  // prompts: operators write, the Brain reads
  'POST /api/prompts': {
    access: 'admin',
    status: 201,
    request: () => ({ path: '/api/prompts', body: { name: `sec-${unique()}`, initial_version_text: 'Hi.' } }),
  },
  'GET /api/prompts': { access: 'internal', status: 200, request: () => ({ path: '/api/prompts' }) },
  'GET /api/prompts/:p': {
    access: 'internal',
    status: 200,
    request: async (b) => ({ path: `/api/prompts/${(await givenPrompt(b)).name}` }),
  },
  'PUT /api/prompts/:p': {
    access: 'admin',
    status: 200,
    request: async (b) => ({ path: `/api/prompts/${(await givenPrompt(b)).id}`, body: { description: 'Changed.' } }),
  },
  'DELETE /api/prompts/:p': {
    access: 'admin',
    status: 204,
    request: async (b) => ({ path: `/api/prompts/${(await givenPrompt(b)).id}` }),
  },
  'POST /api/prompts/:p/versions': {
    access: 'admin',
    status: 201,
    request: async (b) => ({
      path: `/api/prompts/${(await givenPrompt(b)).name}/versions?set_active=true`,
      body: { prompt_text: 'Be brief.' },
    }),
  },
  'POST /api/prompts/:p/lint': {
    access: 'admin',
    status: 200,
    request: async (b) => ({
      path: `/api/prompts/${(await givenPrompt(b)).name}/lint`,
      body: { prompt_text: 'Hi {{QUERY}}' },
    }),
  },
  'POST /api/prompts/:p/preview': {
    access: 'admin',
    status: 200,
    request: async (b, owner) => ({
      path: `/api/prompts/${(await givenPrompt(b)).name}/preview`,
      body: { user_id: owner.id, query: 'Why is the sea salty?' },
    }),
  },
  'GET /api/prompts/:p/versions': {
    access: 'internal',
    status: 200,
    request: async (b) => ({ path: `/api/prompts/${(await givenPrompt(b)).name}/versions` }),
  },
  'POST /api/prompts/:p/versions/set-active': {
    access: 'admin',
    status: 200,
    request: async (b) => {
      const prompt = await givenPrompt(b);
      const versions = await b.request('GET', `/api/prompts/${prompt.id}/versions`, { token: b.adminToken });
      return { path: `/api/prompts/${prompt.id}/versions/set-active`, body: { version_id: versions.body[0].id } };
    },
  },
  'GET /api/prompts/:p/versions/active': {
    access: 'internal',
    status: 200,
    request: async (b) => ({ path: `/api/prompts/${(await givenPrompt(b)).name}/versions/active` }),
  },
  'GET /api/prompts/:p/versions/production': {
    access: 'internal',
    status: 200,
    request: async (b) => ({ path: `/api/prompts/${(await givenPrompt(b)).name}/versions/production` }),
  },
  'GET /api/prompts/:p/versions/earliest': {
    access: 'internal',
    status: 200,
    request: async (b) => ({ path: `/api/prompts/${(await givenPrompt(b)).name}/versions/earliest` }),
  },
  'POST /api/prompts/:p/versions/:n/set-production': {
    access: 'admin',
    status: 200,
    request: async (b) => ({ path: `/api/prompts/${(await givenPrompt(b)).name}/versions/1/set-production` }),
  },
  'DELETE /api/prompts/:p/versions/:n/unset-production': {
    access: 'admin',
    status: 200,
    request: async (b) => ({ path: `/api/prompts/${(await givenPrompt(b)).name}/versions/1/unset-production` }),
  },
  'POST /api/internal/prompts/ensure': {
    access: 'internal',
    status: 200,
    request: () => ({
      path: '/api/internal/prompts/ensure',
      body: { prompts: [{ name: `sec-${unique()}`, prompt_text: 'Be curious.' }] },
    }),
  },
  'GET /api/internal/prompts/:name/version-for/:purpose': {
    access: 'internal',
    status: 200,
    request: async (b) => ({ path: `/api/internal/prompts/${(await givenPrompt(b)).name}/version-for/chat` }),
  },
  'GET /api/internal/prompts/versions-for/:purpose': {
    access: 'internal',
    status: 200,
    request: () => ({ path: '/api/internal/prompts/versions-for/test-prompt' }),
  },

  // operators' view of students
  'GET /api/admin/users': { access: 'admin', status: 200, request: () => ({ path: '/api/admin/users?query=sec' }) },
  'GET /api/admin/users/:id': {
    access: 'admin',
    status: 200,
    request: (_b, owner) => ({ path: `/api/admin/users/${owner.id}` }),
  },
  'DELETE /api/admin/users/:id': {
    access: 'admin',
    status: 204,
    request: async (b) => ({ path: `/api/admin/users/${(await givenFreshStudent(b)).id}` }),
  },
  'GET /api/admin/users/:id/export': {
    access: 'admin',
    status: 200,
    request: (_b, owner) => ({ path: `/api/admin/users/${owner.id}/export` }),
  },

  // the Brain's FlowConfig: the Brain's pair and the operator console's pair
  'GET /api/internal/flow-config': {
    access: 'internal',
    status: 200,
    request: () => ({ path: '/api/internal/flow-config' }),
  },
  'PUT /api/internal/flow-config': {
    access: 'internal',
    status: 200,
    request: () => ({ path: '/api/internal/flow-config', body: { use_simplified_mode: true } }),
  },
  'GET /api/admin/flow-config': { access: 'admin', status: 200, request: () => ({ path: '/api/admin/flow-config' }) },
  'PUT /api/admin/flow-config': {
    access: 'admin',
    status: 200,
    request: () => ({ path: '/api/admin/flow-config', body: { use_simplified_mode: true } }),
  },

  // tasks (no Brain runs here: the sync requests below are ones that need no generation)
  'POST /api/tasks/trigger-memory-generation': {
    access: 'admin',
    status: 202,
    request: () => ({ path: '/api/tasks/trigger-memory-generation?clamp=1' }),
  },
  'POST /api/tasks/trigger-memory-generation-sync': {
    access: 'admin',
    status: 200,
    request: () => ({ path: '/api/tasks/trigger-memory-generation-sync?clamp=1' }),
  },
  'POST /api/tasks/trigger-user-persona-generation': {
    access: 'admin',
    status: 202,
    request: async (b) => ({
      path: '/api/tasks/trigger-user-persona-generation',
      body: { user_id: (await givenFreshStudent(b)).id },
    }),
  },
  'POST /api/tasks/trigger-user-persona-generation-sync': {
    access: 'admin',
    status: 200,
    // a named student always runs (no Brain here to answer); clamp=0 selects none, so it answers at once
    request: async (b) => ({
      path: '/api/tasks/trigger-user-persona-generation-sync?clamp=0',
      body: { user_id: (await givenFreshStudent(b)).id },
    }),
  },
  'POST /api/tasks/generate-memory-for-conversation/:conversation_id': {
    access: 'admin',
    status: 200,
    // an empty conversation is skipped at once
    request: async (b, owner) => ({
      path: `/api/tasks/generate-memory-for-conversation/${await givenConversation(b, owner)}?sync=true`,
    }),
  },
  'POST /api/tasks/generate-memories-for-user/:user_id': {
    access: 'admin',
    status: 202,
    request: async (b) => {
      const student = await givenFreshStudent(b);
      await givenMessage(b, student, await givenConversation(b, student));
      return { path: `/api/tasks/generate-memories-for-user/${student.id}` };
    },
  },
  'POST /api/tasks/generate-persona-for-user/:user_id': {
    access: 'admin',
    status: 202,
    request: async (b) => ({ path: `/api/tasks/generate-persona-for-user/${(await givenFreshStudent(b)).id}` }),
  },
  'GET /api/tasks/jobs/:job_id': {
    access: 'admin',
    status: 200,
    request: async (b) => ({ path: `/api/tasks/jobs/${await givenJob(b)}` }),
  },

  'POST /api/tasks/jobs/:job_id/resume': {
    access: 'admin',
    status: 202,
    request: async (b) => ({
      path: `/api/tasks/jobs/${await givenStoppedJob(b, (await givenFreshStudent(b)).id)}/resume`,
    }),
  },

  // the Brain's reports on generation jobs
  'POST /api/internal/jobs': {
    access: 'internal',
    status: 202,
    request: async (b) => ({
      path: '/api/internal/jobs',
      body: { task_type: 'USER_PERSONA_GENERATION', user_id: (await givenFreshStudent(b)).id },
    }),
  },
  'POST /api/internal/jobs/:job_id/start': {
    access: 'internal',
    status: 200,
    request: async (b) => ({ path: `/api/internal/jobs/${await givenJob(b)}/start`, body: { attempt: 1 } }),
  },
  'POST /api/internal/jobs/:job_id/progress': {
    access: 'internal',
    status: 200,
    request: async (b) => ({
      path: `/api/internal/jobs/${await givenRunningJob(b)}/progress`,
      body: { attempt: 1, done: 0, total: 1 },
    }),
  },
  'POST /api/internal/jobs/:job_id/complete': {
    access: 'internal',
    status: 200,
    request: async (b, owner) => ({
      path: `/api/internal/jobs/${await givenRunningJob(b)}/complete`,
      body: { attempt: 1, result: personaJobResult(owner.id) },
    }),
  },
  'POST /api/internal/jobs/:job_id/fail': {
    access: 'internal',
    status: 200,
    request: async (b) => ({
      path: `/api/internal/jobs/${await givenRunningJob(b)}/fail`,
      body: { attempt: 1, error: 'The model is down.', final: true },
    }),
  },
  'POST /api/internal/jobs/:job_id/stop': {
    access: 'internal',
    status: 200,
    request: async (b, owner) => ({
      path: `/api/internal/jobs/${await givenRunningJob(b)}/stop`,
      body: { attempt: 1, reason: 'budget', result: stoppedPersonaJobResult(owner.id) },
    }),
  },
  // the model usage ledger: the Brain writes it, operators read it
  'POST /api/internal/model-calls': {
    access: 'internal',
    status: 200,
    request: () => ({
      path: '/api/internal/model-calls',
      body: {
        calls: [
          {
            started_at: new Date().toISOString(),
            call_type: 'simplified_conversation',
            provider: 'offline',
            model: 'offline-coach',
            input_tokens: 10,
            output_tokens: 5,
            latency_ms: 1,
            outcome: 'ok',
            failure_kind: null,
            cost_usd: 0,
            user_id: null,
            conversation_id: null,
            message_id: null,
            job_id: null,
          },
        ],
      },
    }),
  },
  'GET /api/admin/usage': {
    access: 'admin',
    status: 200,
    request: () => ({ path: '/api/admin/usage?group_by=call_type' }),
  },

  // staff accounts and the audit log: signing in is open, a member's own account is theirs, the rest admin
  'POST /api/staff/login': {
    access: 'open',
    status: 200,
    request: async (b) => {
      const member = await givenMember(b, 'viewer');
      return { path: '/api/staff/login', body: { email: member.email, password: member.password } };
    },
  },
  'GET /api/staff/me': { access: 'staff', status: 200, request: () => ({ path: '/api/staff/me' }) },
  'POST /api/staff/me/password': {
    access: 'staff',
    // the right current password (the matrix's members share it) and a weak new one: 422, nothing changes
    status: 422,
    request: () => ({
      path: '/api/staff/me/password',
      body: { current_password: MATRIX_STAFF_PASSWORD, new_password: 'short' },
    }),
  },
  'POST /api/admin/staff': {
    access: 'admin',
    status: 201,
    request: () => ({
      path: '/api/admin/staff',
      body: { email: `new.${unique()}@school.test`, name: 'New Member', role: 'viewer', password: 'a long password' },
    }),
  },
  'GET /api/admin/staff': { access: 'admin', status: 200, request: () => ({ path: '/api/admin/staff' }) },
  'PATCH /api/admin/staff/:id': {
    access: 'admin',
    status: 200,
    request: async (b) => ({
      path: `/api/admin/staff/${(await givenMember(b, 'viewer')).id}`,
      body: { name: 'Renamed' },
    }),
  },
  'GET /api/admin/audit': { access: 'admin', status: 200, request: () => ({ path: '/api/admin/audit?limit=5' }) },
};

/** The password of the staff members the access matrix signs in as (one per role). */
export const MATRIX_STAFF_PASSWORD = 'matrix members password';
