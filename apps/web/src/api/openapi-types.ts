// Generated from the Backend's OpenAPI description by apps/web/scripts/generate-api-types.ts.
// Do not edit: run `npm run generate:api -w @coach/web` after changing a route's zod schemas.
export interface paths {
  '/api/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whether the database, queue and Brain answer */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Health'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Health'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Log in (or sign up) with a phone number or a name
     * @description Rate-limited, by counters all Backend replicas share: per identifier (the phone number or name, as normalised for login; `LOGIN_RATE_LIMIT_PER_MINUTE`, here 10 a minute) and per client address for all identifiers together, sized for a school behind one address (`LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE`, here 600 a minute). Both routes count on the same counters. Over a limit: 429 with a `detail` and `Retry-After`.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            identifier?: string;
            phone_number?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['LoginResponse'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/login/phone': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Log in with a phone number (older clients)
     * @description Rate-limited, by counters all Backend replicas share: per identifier (the phone number or name, as normalised for login; `LOGIN_RATE_LIMIT_PER_MINUTE`, here 10 a minute) and per client address for all identifiers together, sized for a school behind one address (`LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE`, here 600 a minute). Both routes count on the same counters. Over a limit: 429 with a `detail` and `Retry-After`.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            phone_number: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['LoginResponse'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The logged-in student */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['User'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ConversationSummary'][];
          };
        };
      };
    };
    put?: never;
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            title?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Conversation'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Conversation'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/title': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            title: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Conversation'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/memory': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The conversation's memory_data */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              success: boolean;
              messages: components['schemas']['Message'][];
            };
          };
        };
      };
    };
    put?: never;
    /**
     * Send a message; the reply is produced asynchronously
     * @description Rate-limited per student (`MESSAGE_RATE_LIMIT_PER_MINUTE`, by counters all Backend replicas share): over it, 429 with a `detail` and `Retry-After`.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            content: string;
            /**
             * @default chat
             * @enum {string}
             */
            purpose?: 'chat' | 'test-prompt' | 'test';
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
              message: components['schemas']['Message'];
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/messages/{id}/response': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The coach's reply to a student message: 202 (body null) while pending
     * @description With `wait`, a pending reply holds the request (long polling) until the reply or failure is stored or the wait is over.
     */
    get: {
      parameters: {
        query?: {
          /** @description Seconds to hold the request while the reply is pending (at most 25); it answers as soon as the reply or failure is stored. Without it, 202 at once. */
          wait?: number;
        };
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Message'];
          };
        };
        /** @description The reply is still being produced: ask again */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': null;
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/messages/{id}/pipeline_steps': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The Brain's pipeline steps for a coach message */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PipelineSteps'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/internal/brain_response': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The Brain's reply to a student message (idempotent per original_message_id) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['BrainResponseInput'];
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
              message_id: number;
              /** @description true when this turn had already been answered; nothing new was saved */
              duplicate: boolean;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/internal/brain_failure': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The Brain gave up on a student message; the response route reports it */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['BrainFailureInput'];
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/internal/conversations/{id}/messages_for_brain': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              success: boolean;
              messages: components['schemas']['Message'][];
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/memories': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create or replace a conversation's memory */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            conversation_id: number;
            memory_data: {
              [key: string]: unknown;
            };
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MemoryRecord'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/internal/users/{user_id}/memories': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          user_id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MemoryRecord'][];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/internal/conversations/{id}/memory': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MemoryRecord'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/user-personas': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create or replace a student's persona */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            user_id: number;
            persona_data: {
              [key: string]: unknown;
            };
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PersonaRecord'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/internal/users/{user_id}/persona': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A student's persona, as the Brain reads it */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          user_id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PersonaRecord'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me/persona': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What the coach knows about me: my current (approved) persona, or 404 when there is none */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MyPersona'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/internal/users/{user_id}/persona-revisions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The generator writes a student's persona: a revision, its evidence checked, approved or held for review */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          user_id: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['GeneratorRevisionBodyInput'];
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RevisionWithPersona'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/users/{user_id}/persona/revisions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A student's persona revisions, newest first */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          user_id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PersonaRevisionRecord'][];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/persona-revisions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The review queue across students (default: pending), oldest first */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          status?: 'approved' | 'pending' | 'rejected' | 'superseded';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PersonaReviewQueueItem'][];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/persona-revisions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One persona revision */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PersonaRevisionRecord'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/persona-revisions/{id}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve a pending revision: it becomes the current persona (409 when it is not pending) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RevisionWithPersona'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/persona-revisions/{id}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reject a pending revision with a reason; the current persona stays (409 when it is not pending) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description Why the revision is rejected, for the other operators */
            reason?: string | null;
          } | null;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PersonaRevisionRecord'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/persona-revisions/{id}/restore': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Restore a revision's persona as a new approved revision */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PersonaRevisionRecord'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me/persona/corrections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Tell the operators something the coach believes about me is not right (rate-limited) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description What is not right, in the student’s words */
            text: string;
            /**
             * @description The part of the persona it is about, if the student chose one
             * @enum {string|null}
             */
            key?: 'persona' | 'inferred_interests' | 'learning_patterns' | 'personality_traits' | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PersonaCorrectionRequest'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/persona-corrections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Students' correction requests (default: open), oldest first */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          status?: 'open' | 'resolved';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PersonaCorrection'][];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/persona-corrections/{id}/resolve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Resolve an open correction request with a note (409 when it is resolved already) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description What the operator did about it */
            note?: string | null;
          } | null;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PersonaCorrection'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The operators' settings */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Settings'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change settings; the next persona write reads them */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            persona_review?: 'off' | 'changes' | 'all';
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Settings'];
          };
        };
      };
    };
    trace?: never;
  };
  '/api/prompts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every prompt with its active version */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PromptSummary'][];
          };
        };
      };
    };
    put?: never;
    /** Create a prompt (with version 1, active, when an initial text is given) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name: string;
            description?: string | null;
            initial_version_text?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CreatedPrompt'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/prompts/{p}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A prompt with all its versions */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description a prompt id (all digits) or a prompt name */
          p: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Prompt'];
          };
        };
      };
    };
    /** Rename a prompt or change its description */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description a prompt id */
          p: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name?: string;
            description?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Prompt'];
          };
        };
      };
    };
    post?: never;
    /** Delete a prompt and its versions */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description a prompt id */
          p: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/prompts/{p}/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A prompt's versions, oldest first */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description a prompt id (all digits) or a prompt name */
          p: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PromptVersion'][];
          };
        };
      };
    };
    put?: never;
    /** Add the prompt's next version */
    post: {
      parameters: {
        query?: {
          set_active?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
        };
        header?: never;
        path: {
          /** @description a prompt id (all digits) or a prompt name */
          p: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            prompt_text: string;
            /** @default false */
            is_production?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SavedPromptVersion'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/prompts/{p}/lint': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Check a text as a version of this prompt: placeholder problems and warnings; nothing is saved */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description a prompt id (all digits) or a prompt name */
          p: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            prompt_text: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PromptLint'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/prompts/{p}/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The exact prompt a student's next turn would get from a text or version; nothing is written */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description a prompt id (all digits) or a prompt name */
          p: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description the student whose next turn is previewed */
            user_id: number;
            /** @description a text to preview (wins over version_number) */
            prompt_text?: string | null;
            /** @description one of the prompt's versions; default the active one */
            version_number?: number | null;
            /** @description one of the student's conversations; default their latest */
            conversation_id?: number | null;
            /** @description the student's next message; default a visible stand-in */
            query?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PromptPreview'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/prompts/{p}/versions/set-active': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Make one of the prompt's versions the active one */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description a prompt id (all digits) or a prompt name */
          p: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            version_id: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Prompt'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/prompts/{p}/versions/active': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The prompt's active version */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description a prompt id (all digits) or a prompt name */
          p: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PromptVersion'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/prompts/{p}/versions/production': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The prompt's production version */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description a prompt id (all digits) or a prompt name */
          p: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PromptVersion'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/prompts/{p}/versions/earliest': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The prompt's earliest version */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description a prompt id (all digits) or a prompt name */
          p: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PromptVersion'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/prompts/{p}/versions/{n}/set-production': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Make version n the production version (the others lose the flag) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description a prompt id (all digits) or a prompt name */
          p: string;
          n: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PromptVersion'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/prompts/{p}/versions/{n}/unset-production': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Take the production flag from version n */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description a prompt id (all digits) or a prompt name */
          p: string;
          n: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PromptVersion'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/internal/prompts/ensure': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Store the Brain's built-in prompts as version 1 (active, production) of every missing prompt */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            prompts: {
              name: string;
              description?: string | null;
              prompt_text: string;
            }[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['EnsurePromptsResult'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/internal/prompts/{name}/version-for/{purpose}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The version a chat turn uses: production for chat, active for test-prompt */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          name: string;
          purpose: 'chat' | 'test-prompt';
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PromptVersion'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/internal/prompts/versions-for/{purpose}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every prompt's version for a purpose, by prompt name (one read per chat turn) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          purpose: 'chat' | 'test-prompt';
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              [key: string]: components['schemas']['PromptVersion'];
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/feedback/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send feedback (e.g. thumbs up/down on a reply) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            feedback_data: {
              [key: string]: unknown;
            };
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Feedback'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Find students by part of their name or phone number, newest first */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          /** @description Part of a name or phone number, in any case */
          query?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['StudentSummary'][];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A student with their conversations and persona */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['StudentDetail'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    /** Erase a student and everything stored about them */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/users/{id}/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Everything stored about a student, as one JSON document to download */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['StudentExport'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/internal/flow-config': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The Brain's stored FlowConfig (the default when none is stored) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['FlowConfig'];
          };
        };
      };
    };
    /** Replace the Brain's FlowConfig */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['FlowConfigInput'];
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['FlowConfig'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/flow-config': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The Brain's stored FlowConfig (the default when none is stored) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['FlowConfig'];
          };
        };
      };
    };
    /** Replace the Brain's FlowConfig */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['FlowConfigInput'];
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['FlowConfig'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/trigger-memory-generation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Queue memories for conversations idle past the threshold that need one */
    post: {
      parameters: {
        query?: {
          max_llm_calls?: string;
          max_tokens?: string;
          dry_run?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          clamp?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['DryRunAnswer'];
          };
        };
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MemoryTaskResponse'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/trigger-memory-generation-sync': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The same, answering once the memories are written */
    post: {
      parameters: {
        query?: {
          max_llm_calls?: string;
          max_tokens?: string;
          dry_run?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          clamp?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MemoryTaskResponse'] | components['schemas']['DryRunAnswer'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/trigger-user-persona-generation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Queue personas for students who need one, or for body.user_id whether or not they need one */
    post: {
      parameters: {
        query?: {
          max_llm_calls?: string;
          max_tokens?: string;
          dry_run?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          clamp?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            user_id?: number | null;
          } | null;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['DryRunAnswer'];
          };
        };
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PersonaTaskResponse'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/trigger-user-persona-generation-sync': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The same, answering once the personas are written */
    post: {
      parameters: {
        query?: {
          max_llm_calls?: string;
          max_tokens?: string;
          dry_run?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          clamp?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            user_id?: number | null;
          } | null;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PersonaTaskResponse'] | components['schemas']['DryRunAnswer'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/generate-memory-for-conversation/{conversation_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** (Re)generate one conversation's memory */
    post: {
      parameters: {
        query?: {
          max_llm_calls?: string;
          max_tokens?: string;
          dry_run?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          sync?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
        };
        header?: never;
        path: {
          conversation_id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json':
              | components['schemas']['ConversationMemoryTaskResponse']
              | components['schemas']['DryRunAnswer'];
          };
        };
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ConversationMemoryTaskResponse'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/generate-memories-for-user/{user_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Generate memories for a student's conversations */
    post: {
      parameters: {
        query?: {
          max_llm_calls?: string;
          max_tokens?: string;
          dry_run?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          only_needing?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          include_empty?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          clamp?: string;
          sync?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
        };
        header?: never;
        path: {
          user_id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MemoryTaskResponse'] | components['schemas']['DryRunAnswer'];
          };
        };
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MemoryTaskResponse'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/generate-persona-for-user/{user_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Refresh a student's stale conversation memories, then generate their persona (design §1.a) */
    post: {
      parameters: {
        query?: {
          max_llm_calls?: string;
          max_tokens?: string;
          dry_run?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          generate_conversation_memories_if_not_found?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          only_needing?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          include_empty?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
          clamp?: string;
          sync?: '0' | '1' | 'true' | 'false' | 'True' | 'False';
        };
        header?: never;
        path: {
          user_id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PersonaForUserResponse'] | components['schemas']['DryRunAnswer'];
          };
        };
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PersonaForUserResponse'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/internal/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The Brain's POST /tasks without wait: put the work on the durable queue */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json':
            | {
                /** @enum {string} */
                task_type: 'GENERATE_MEMORY_BATCH';
                conversation_ids: number[];
              }
            | {
                /** @enum {string} */
                task_type: 'USER_PERSONA_GENERATION';
                user_id: number;
              };
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              job_id: number;
              joined: boolean;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/jobs/{job_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** State, progress and result of a generation job */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          job_id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['GenerationJobStatus'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/jobs/{job_id}/resume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A stopped job goes on with what it has left, with a new budget (docs/api/tasks-and-jobs.md) */
    post: {
      parameters: {
        query?: {
          max_llm_calls?: string;
          max_tokens?: string;
        };
        header?: never;
        path: {
          job_id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ResumedJob'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/internal/jobs/{job_id}/start': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** An attempt begins; the answer says what it may spend */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          job_id: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            attempt: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: number;
              /** @enum {string} */
              type: 'memory-batch' | 'user-persona' | 'persona-for-user';
              /** @enum {string} */
              state: 'queued' | 'running' | 'completed' | 'failed' | 'stopped';
              user_id: number | null;
              progress: {
                done: number;
                total: number;
              };
              attempts: number;
              params: {
                [key: string]: unknown;
              };
              result?: components['schemas']['GenerationJobResult'];
              error?: string;
              /** @enum {string} */
              stop_reason?: 'budget';
              /** @description ISO-8601 timestamp */
              created_at: string;
              /** @description ISO-8601 timestamp */
              updated_at: string;
              limits: {
                calls: number | null;
                tokens: number | null;
              };
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/internal/jobs/{job_id}/progress': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Items done so far */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          job_id: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            attempt: number;
            done: number;
            total: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['GenerationJob'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/internal/jobs/{job_id}/complete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The job is done */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          job_id: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            attempt: number;
            result: components['schemas']['GenerationJobResultInput'];
            spent?: {
              calls: number;
              input_tokens: number;
              output_tokens: number;
            };
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['GenerationJob'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/internal/jobs/{job_id}/stop': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The attempt reached its budget: the job stops with what it finished and what remains */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          job_id: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            attempt: number;
            /** @enum {string} */
            reason: 'budget';
            result: components['schemas']['GenerationJobResultInput'];
            spent?: {
              calls: number;
              input_tokens: number;
              output_tokens: number;
            };
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['GenerationJob'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/internal/jobs/{job_id}/fail': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** An attempt failed (final: false, pg-boss retries it) or the job failed for good */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          job_id: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            attempt?: number;
            error: string;
            final: boolean;
            result?: components['schemas']['GenerationJobResultInput'];
            spent?: {
              calls: number;
              input_tokens: number;
              output_tokens: number;
            };
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['GenerationJob'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/internal/conversations/{id}/turn_context': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Everything a chat turn reads: persona, memory, messages, FlowConfig and the purpose's prompts */
    get: {
      parameters: {
        query: {
          /** @description chat reads production prompt versions, test-prompt active ones */
          purpose: 'chat' | 'test-prompt';
        };
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TurnContext'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/internal/model-calls': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Model call attempts the Brain made (its ledger's buffered entries) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            calls: {
              /** Format: date-time */
              started_at: string;
              call_type: string;
              provider: string;
              model: string;
              input_tokens: number;
              output_tokens: number;
              latency_ms: number;
              /** @enum {string} */
              outcome: 'ok' | 'failed';
              failure_kind: string | null;
              cost_usd: number | null;
              user_id: number | null;
              conversation_id: number | null;
              message_id: number | null;
              job_id: number | null;
            }[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              recorded: number;
            };
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/usage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Model calls, tokens and cost over a range, by day, call type, student or model */
    get: {
      parameters: {
        query?: {
          from?: string;
          to?: string;
          group_by?: 'day' | 'call_type' | 'user' | 'model';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['UsageReport'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign in as a staff member
     * @description One 401 for a wrong email, a wrong password or a disabled account. Rate-limited per email and per address on the login limits (`LOGIN_RATE_LIMIT_PER_MINUTE`, `LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE`): 429.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            email: string;
            password: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['StaffLoginResponse'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The signed-in staff member */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['StaffMember'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/staff/me/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Change my password (at least 12 characters); my other sessions end */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            current_password: string;
            new_password: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/staff': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every staff member */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['StaffMember'][];
          };
        };
      };
    };
    put?: never;
    /** Add a staff member (409: the email exists) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Format: email */
            email: string;
            name: string;
            /** @enum {string} */
            role: 'admin' | 'reviewer' | 'viewer';
            password: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['StaffMember'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/staff/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a member's role, name or disabled; the last enabled admin stays one (409) */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            role?: 'admin' | 'reviewer' | 'viewer';
            name?: string;
            disabled?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['StaffMember'];
          };
        };
      };
    };
    trace?: never;
  };
  '/api/admin/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The audit log of operator writes, newest first */
    get: {
      parameters: {
        query?: {
          actor_staff_id?: number;
          action?: string;
          from?: string;
          to?: string;
          limit?: number;
          offset?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['AuditEntry'][];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/safety/alerts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Safety alerts (default: open), newest first */
    get: {
      parameters: {
        query?: {
          limit?: number;
          offset?: number;
          /** @description open (the default) or resolved */
          status?: 'open' | 'resolved';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SafetyAlert'][];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/safety/alerts/{id}/resolve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Resolve an open safety alert with a note (409 when it is resolved already) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: number;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description What the adult did about it (who was told, what was agreed) */
            note?: string | null;
          } | null;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SafetyAlert'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    AuditActorInput: {
      /** @enum {string} */
      kind: 'staff' | 'token';
      staff_id?: number;
      email?: string;
    };
    FlowConfigInput: {
      /** @default true */
      use_simplified_mode: boolean;
      /** @default [] */
      steps: {
        name: string;
        /** @default true */
        enabled: boolean;
        /** @default false */
        use_conversation_history: boolean;
        /** @default true */
        is_use_conversation_history_valid: boolean;
        /** @default true */
        is_allowed_to_change_enabled: boolean;
      }[];
    };
    MemoryRecordInput: {
      id: number;
      conversation_id: number;
      memory_data: {
        [key: string]: unknown;
      };
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      updated_at: string;
    };
    PersonaRecordInput: {
      id: number;
      user_id: number;
      persona_data: {
        [key: string]: unknown;
      };
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      updated_at: string;
    };
    MessageInput: {
      id: number;
      content: string;
      is_user: boolean;
      /** @description ISO-8601 timestamp */
      timestamp: string;
      /** @description The coach asked the student to clarify: the student's next message answers it (coach's messages only) */
      needs_clarification?: boolean;
      /** @description The questions the coach asked back (coach's messages only) */
      follow_up_questions?: string[];
      /** @description The student's question this reply answers; for a follow-up, the one first asked (coach's messages only) */
      original_query?: string | null;
    };
    PromptVersionInput: {
      id: number;
      prompt_id: number;
      version_number: number;
      prompt_text: string;
      is_active: boolean;
      is_production: boolean;
      user_id: number | null;
      /** @description ISO-8601 timestamp */
      created_at: string;
    };
    TurnContextInput: {
      user_id: number;
      persona: components['schemas']['PersonaRecordInput'] | null;
      memory: components['schemas']['MemoryRecordInput'] | null;
      messages: components['schemas']['MessageInput'][];
      flow_config: components['schemas']['FlowConfigInput'];
      prompt_versions: {
        [key: string]: components['schemas']['PromptVersionInput'];
      };
    };
    BrainResponseInput: {
      user_id: number;
      conversation_id: number;
      original_message_id: number;
      llm_response: string;
      pipeline_data: {
        [key: string]: unknown;
      };
      needs_clarification?: boolean;
      follow_up_questions?: string[];
      original_query?: string;
      prompt_version_id?: number | null;
    };
    BrainFailureInput: {
      original_message_id: number;
      detail: string;
    };
    PersonaDiffEntryInput: {
      key: string;
      /** @enum {string} */
      change: 'added' | 'changed' | 'removed';
      /** @description The value in the current persona (null when added) */
      before: unknown;
      /** @description The value in this revision (null when removed) */
      after: unknown;
    };
    PersonaEvidenceInput: {
      memory_id: number;
      conversation_id: number;
      /** @description Words found in that memory or in what the student wrote in that conversation */
      quote: string;
    };
    PersonaEvidenceClaimInput: {
      /** @description The persona key this supports, e.g. "inferred_interests" */
      key: string;
      /** @description The id of the memory the words come from */
      memory_id: number;
      /** @description Words copied exactly from that memory or from the student's own messages */
      quote: string;
    };
    PersonaRevisionRecordInput: {
      id: number;
      user_id: number;
      /** @description 1, 2, 3 … per student */
      number: number;
      /** @enum {string} */
      status: 'approved' | 'pending' | 'rejected' | 'superseded';
      /** @enum {string} */
      source: 'generator' | 'operator' | 'restore';
      persona_data: {
        [key: string]: unknown;
      };
      diff: components['schemas']['PersonaDiffEntryInput'][];
      evidence: {
        [key: string]: components['schemas']['PersonaEvidenceInput'][];
      };
      /** @description Non-empty keys of a generator revision left without evidence */
      unsupported_keys: string[];
      /** @description Keys whose value reads like an instruction to the model (shown to operators; held for review) */
      flagged_keys: string[];
      job_id: number | null;
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      decided_at: string | null;
      /** @description Who approved or rejected it (an operator, or the admin token); null while pending, for the generator's approvals and supersessions */
      decided_by: components['schemas']['AuditActorInput'] | null;
      reason: string | null;
    };
    PersonaRevisionRefInput: {
      id: number;
      number: number;
      /** @enum {string} */
      status: 'approved' | 'pending' | 'rejected' | 'superseded';
    };
    GeneratorRevisionBodyInput: {
      persona_data: {
        [key: string]: unknown;
      };
      /** @default [] */
      evidence: components['schemas']['PersonaEvidenceClaimInput'][];
      /** @default null */
      job_id: number | null;
    };
    RevisionWithPersonaInput: {
      revision: components['schemas']['PersonaRevisionRecordInput'];
      persona: components['schemas']['PersonaRecordInput'] | null;
    };
    MemoryItemResultInput:
      | {
          conversation_id: number;
          /** @enum {string} */
          status: 'saved';
          /** @description ISO-8601 timestamp */
          updated_at: string;
        }
      | {
          conversation_id: number;
          /** @enum {string} */
          status: 'skipped';
          reason: string;
        }
      | {
          conversation_id: number;
          /** @enum {string} */
          status: 'failed';
          error: string;
        };
    PersonaOutcomeInput:
      | {
          /** @enum {string} */
          status: 'saved';
          /** @description ISO-8601 timestamp */
          updated_at: string;
          /** @description The revision written (absent on jobs finished before revisions existed) */
          revision?: components['schemas']['PersonaRevisionRefInput'];
        }
      | {
          /** @enum {string} */
          status: 'skipped';
          reason: string;
        }
      | {
          /** @enum {string} */
          status: 'failed';
          error: string;
        };
    JobRemainingInput: {
      conversation_ids: number[];
      persona: boolean;
    };
    GenerationJobResultInput:
      | {
          /** @enum {string} */
          type: 'memory-batch';
          memories: {
            counts: {
              selected: number;
              saved: number;
              skipped: number;
              failed: number;
            };
            items: components['schemas']['MemoryItemResultInput'][];
          };
          remaining?: components['schemas']['JobRemainingInput'];
        }
      | {
          /** @enum {string} */
          type: 'user-persona';
          user_id: number;
          persona: components['schemas']['PersonaOutcomeInput'];
          remaining?: components['schemas']['JobRemainingInput'];
        }
      | {
          /** @enum {string} */
          type: 'persona-for-user';
          user_id: number;
          memories: {
            counts: {
              selected: number;
              saved: number;
              skipped: number;
              failed: number;
            };
            items: components['schemas']['MemoryItemResultInput'][];
          };
          persona: components['schemas']['PersonaOutcomeInput'];
          remaining?: components['schemas']['JobRemainingInput'];
        };
    GenerationJobInput: {
      id: number;
      /** @enum {string} */
      type: 'memory-batch' | 'user-persona' | 'persona-for-user';
      /** @enum {string} */
      state: 'queued' | 'running' | 'completed' | 'failed' | 'stopped';
      user_id: number | null;
      progress: {
        done: number;
        total: number;
      };
      attempts: number;
      params: {
        [key: string]: unknown;
      };
      result?: components['schemas']['GenerationJobResultInput'];
      error?: string;
      /** @enum {string} */
      stop_reason?: 'budget';
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      updated_at: string;
    };
    UsageReportInput: {
      from: string;
      to: string;
      /** @enum {string} */
      group_by: 'day' | 'call_type' | 'user' | 'model';
      totals: {
        calls: number;
        failed_calls: number;
        input_tokens: number;
        output_tokens: number;
        cost_usd: number | null;
      };
      groups: {
        calls: number;
        failed_calls: number;
        input_tokens: number;
        output_tokens: number;
        cost_usd: number | null;
        key: (string | number) | null;
      }[];
    };
    GenerationJobStatusInput: {
      id: number;
      /** @enum {string} */
      type: 'memory-batch' | 'user-persona' | 'persona-for-user';
      /** @enum {string} */
      state: 'queued' | 'running' | 'completed' | 'failed' | 'stopped';
      user_id: number | null;
      progress: {
        done: number;
        total: number;
      };
      attempts: number;
      params: {
        [key: string]: unknown;
      };
      result?: components['schemas']['GenerationJobResultInput'];
      error?: string;
      /** @enum {string} */
      stop_reason?: 'budget';
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      updated_at: string;
      usage: {
        calls: number;
        input_tokens: number;
        output_tokens: number;
      };
    };
    ConversationMemoryDataInput: {
      /** @description The subjects the conversation was about. */
      main_topics: string[];
      /** @description What the student did or decided during the conversation. */
      action: string[];
      /** @description One observation about how the student engaged. */
      typical_observation: string;
    };
    UserPersonaDataInput: {
      /** @description A short portrait of the student as a learner. */
      persona: string;
      inferred_interests?: string[];
      learning_patterns?: string[];
      personality_traits?: string[];
    };
    GeneratedPersonaInput: {
      /** @description A short portrait of the student as a learner. */
      persona: string;
      inferred_interests?: string[];
      learning_patterns?: string[];
      personality_traits?: string[];
      /** @description For each non-empty key above: the memory id and words copied exactly from it that support the value */
      evidence: components['schemas']['PersonaEvidenceClaimInput'][];
    };
    /** @enum {string} */
    SafetyCategoryInput: 'self_harm' | 'violence' | 'sexual' | 'bullying' | 'contact_info';
    /** @enum {string} */
    SafetySeverityInput: 'low' | 'medium' | 'high';
    SafetyFlagInput: {
      category: components['schemas']['SafetyCategoryInput'];
      severity: components['schemas']['SafetySeverityInput'];
      rule: string;
    };
    ErrorInput: {
      detail: string;
    };
    ConversationInput: {
      id: number;
      user_id: number;
      title: string;
      created_at: string;
      updated_at: string;
    };
    ConversationSummaryInput: {
      id: number;
      title: string;
      updated_at: string;
    };
    FeedbackInput: {
      id: number;
      user_id: number;
      feedback_data: {
        [key: string]: unknown;
      };
      /** @description ISO-8601 timestamp */
      created_at: string;
    };
    MyPersonaInput: {
      persona_data: {
        [key: string]: unknown;
      };
      /** @description ISO-8601 timestamp */
      updated_at: string;
    };
    PersonaReviewQueueItemInput: {
      id: number;
      user_id: number;
      /** @description 1, 2, 3 … per student */
      number: number;
      /** @enum {string} */
      status: 'approved' | 'pending' | 'rejected' | 'superseded';
      /** @enum {string} */
      source: 'generator' | 'operator' | 'restore';
      persona_data: {
        [key: string]: unknown;
      };
      diff: components['schemas']['PersonaDiffEntryInput'][];
      evidence: {
        [key: string]: components['schemas']['PersonaEvidenceInput'][];
      };
      /** @description Non-empty keys of a generator revision left without evidence */
      unsupported_keys: string[];
      /** @description Keys whose value reads like an instruction to the model (shown to operators; held for review) */
      flagged_keys: string[];
      job_id: number | null;
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      decided_at: string | null;
      /** @description Who approved or rejected it (an operator, or the admin token); null while pending, for the generator's approvals and supersessions */
      decided_by: components['schemas']['AuditActorInput'] | null;
      reason: string | null;
      /** @description The student's name ("Student <id>" for one who logged in by phone number) */
      name: string;
    };
    PersonaCorrectionRequestInput: {
      id: number;
      /** @enum {string} */
      status: 'open' | 'resolved';
      key: string | null;
      text: string;
      /** @description ISO-8601 timestamp */
      created_at: string;
    };
    PersonaCorrectionInput: {
      id: number;
      /** @enum {string} */
      status: 'open' | 'resolved';
      key: string | null;
      text: string;
      /** @description ISO-8601 timestamp */
      created_at: string;
      user_id: number;
      /** @description The student's name ("Student <id>" for one who logged in by phone number) */
      name: string;
      /** @description ISO-8601 timestamp */
      resolved_at: string | null;
      /** @description Who resolved it (an operator, or the admin token); null while open */
      resolved_by: components['schemas']['AuditActorInput'] | null;
      note: string | null;
    };
    SafetyAlertInput: {
      id: number;
      user_id: number;
      /** @description The student's name ("Student <id>" for one who logged in by phone number) */
      name: string;
      /** @description null once the student deleted the conversation */
      conversation_id: number | null;
      /** @description The flagged student message; null once deleted */
      message_id: number | null;
      /** @description What the screen found: self_harm, violence, sexual, bullying, contact_info … */
      category: string;
      /** @description low, medium or high */
      severity: string;
      /** @description The flagged message, cut to its first 200 characters, contact details redacted */
      excerpt: string;
      /** @enum {string} */
      status: 'open' | 'resolved';
      note: string | null;
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      resolved_at: string | null;
      /** @description Who resolved it (an operator, or the admin token); null while open */
      resolved_by: components['schemas']['AuditActorInput'] | null;
    };
    UserInput: {
      id: number;
      phone_number: string | null;
      name: string | null;
      created_at: string;
    };
    StudentSummaryInput: {
      id: number;
      phone_number: string | null;
      name: string | null;
      created_at: string;
      conversation_count: number;
      has_persona: boolean;
    };
    StudentDetailInput: {
      id: number;
      phone_number: string | null;
      name: string | null;
      created_at: string;
      conversations: {
        id: number;
        title: string;
        updated_at: string;
        has_memory: boolean;
      }[];
      persona: components['schemas']['PersonaRecordInput'] | null;
    };
    StudentExportInput: {
      /** @description ISO-8601 timestamp */
      exported_at: string;
      user: components['schemas']['UserInput'];
      conversations: {
        id: number;
        title: string;
        created_at: string;
        updated_at: string;
        prompt_version_id: number | null;
        messages: {
          id: number;
          content: string;
          is_user: boolean;
          /** @description ISO-8601 timestamp */
          timestamp: string;
          /** @description The coach asked the student to clarify: the student's next message answers it (coach's messages only) */
          needs_clarification?: boolean;
          /** @description The questions the coach asked back (coach's messages only) */
          follow_up_questions?: string[];
          /** @description The student's question this reply answers; for a follow-up, the one first asked (coach's messages only) */
          original_query?: string | null;
          responds_to_message_id: number | null;
          pipeline_data: {
            [key: string]: unknown;
          } | null;
          safety_flags: components['schemas']['SafetyFlagInput'][];
        }[];
        memory: components['schemas']['MemoryRecordInput'] | null;
      }[];
      persona: components['schemas']['PersonaRecordInput'] | null;
      persona_revisions: components['schemas']['PersonaRevisionRecordInput'][];
      persona_corrections: {
        id: number;
        /** @enum {string} */
        status: 'open' | 'resolved';
        key: string | null;
        text: string;
        /** @description ISO-8601 timestamp */
        created_at: string;
        /** @description ISO-8601 timestamp */
        resolved_at: string | null;
        /** @description Who resolved it (an operator, or the admin token); null while open */
        resolved_by: components['schemas']['AuditActorInput'] | null;
        note: string | null;
      }[];
      feedback: components['schemas']['FeedbackInput'][];
      generation_jobs: components['schemas']['GenerationJobInput'][];
      safety_alerts: {
        id: number;
        /** @description null once the student deleted the conversation */
        conversation_id: number | null;
        /** @description The flagged student message; null once deleted */
        message_id: number | null;
        /** @description What the screen found: self_harm, violence, sexual, bullying, contact_info … */
        category: string;
        /** @description low, medium or high */
        severity: string;
        /** @description The flagged message, cut to its first 200 characters, contact details redacted */
        excerpt: string;
        /** @enum {string} */
        status: 'open' | 'resolved';
        note: string | null;
        /** @description ISO-8601 timestamp */
        created_at: string;
        /** @description ISO-8601 timestamp */
        resolved_at: string | null;
        /** @description Who resolved it (an operator, or the admin token); null while open */
        resolved_by: components['schemas']['AuditActorInput'] | null;
      }[];
    };
    ResumedJobInput: {
      job_id: number;
    };
    PipelineStepsInput: {
      [key: string]: unknown;
    }[];
    AuditEntryInput: {
      id: number;
      actor: components['schemas']['AuditActorInput'];
      action: string;
      target_type: string;
      target_id: string | null;
      details: {
        [key: string]: unknown;
      };
      created_at: string;
    };
    LoginResponseInput: {
      success: boolean;
      message: string;
      user: components['schemas']['UserInput'];
      generated_name: string | null;
      access_token: string;
      /** @enum {string} */
      token_type: 'bearer';
    };
    HealthInput: {
      status: string;
      database: string;
      queue: string;
      brain: string;
    };
    LintProblemInput: {
      /** @description 1-based */
      line: number;
      /** @description 1-based, in UTF-16 code units */
      column: number;
      /** @description the token as written */
      text: string;
      message: string;
      /** @description the nearest valid placeholder */
      suggestion?: string;
    };
    LintWarningInput: {
      line?: number;
      column?: number;
      text?: string;
      message: string;
    };
    PromptLintInput: {
      problems: components['schemas']['LintProblemInput'][];
      warnings: components['schemas']['LintWarningInput'][];
    };
    PromptPreviewInput: {
      /** @description the exact prompt text */
      rendered: string;
      /** @description every replaced token, in order */
      injections: {
        /** @description the token as the template wrote it */
        placeholder: string;
        start: number;
        /** @description rendered.slice(start, end) is what the token became */
        end: number;
      }[];
      /** @description the student's current persona revision, the one rendered; null when they have no persona */
      persona_revision: {
        id: number;
        number: number;
      } | null;
    };
    SavedPromptVersionInput: {
      id: number;
      prompt_id: number;
      version_number: number;
      prompt_text: string;
      is_active: boolean;
      is_production: boolean;
      user_id: number | null;
      /** @description ISO-8601 timestamp */
      created_at: string;
      warnings: components['schemas']['LintWarningInput'][];
    };
    EnsurePromptsResultInput: {
      /** @description prompts created now, with version 1 active and production */
      created: string[];
      /** @description prompts that already existed; left untouched */
      existing: string[];
    };
    PromptSummaryInput: {
      id: number;
      name: string;
      description: string | null;
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      updated_at: string;
      active_version_number: number | null;
      active_version_text: string | null;
    };
    PromptInput: {
      id: number;
      name: string;
      description: string | null;
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      updated_at: string;
      versions: components['schemas']['PromptVersionInput'][];
      active_prompt_version: components['schemas']['PromptVersionInput'] | null;
    };
    CreatedPromptInput: {
      id: number;
      name: string;
      description: string | null;
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      updated_at: string;
      versions: components['schemas']['PromptVersionInput'][];
      active_prompt_version: components['schemas']['PromptVersionInput'] | null;
      warnings: components['schemas']['LintWarningInput'][];
    };
    SettingsInput: {
      /**
       * @description off: generator revisions are approved at once; changes: those that change or remove a key wait for review; all: every one waits
       * @enum {string}
       */
      persona_review: 'off' | 'changes' | 'all';
      updated_at: string;
    };
    StaffMemberInput: {
      id: number;
      email: string;
      name: string;
      /** @enum {string} */
      role: 'admin' | 'reviewer' | 'viewer';
      disabled: boolean;
      created_at: string;
    };
    StaffLoginResponseInput: {
      access_token: string;
      /** @enum {string} */
      token_type: 'bearer';
      staff: components['schemas']['StaffMemberInput'];
    };
    DryRunAnswerInput: {
      /** @enum {boolean} */
      dry_run: true;
      selected: number;
      estimated_calls: number;
      estimated_input_tokens: number;
      estimated_output_tokens: number;
    };
    MemoryTaskResponseInput: {
      message: string;
      selected: number;
      eligible: number;
      user_id?: number;
      job_id?: number;
      joined?: boolean;
      counts?: {
        selected: number;
        saved: number;
        skipped: number;
        failed: number;
      };
      results?: components['schemas']['MemoryItemResultInput'][];
      /** @enum {string} */
      state?: 'queued' | 'running' | 'completed' | 'failed' | 'stopped';
      usage?: {
        calls: number;
        input_tokens: number;
        output_tokens: number;
      };
      /** @enum {string} */
      stop_reason?: 'budget';
      remaining?: components['schemas']['JobRemainingInput'];
    };
    ConversationMemoryTaskResponseInput: {
      message: string;
      conversation_id: number;
      job_id?: number;
      joined?: boolean;
      memory?: components['schemas']['MemoryRecordInput'];
      /** @enum {string} */
      state?: 'queued' | 'running' | 'completed' | 'failed' | 'stopped';
      usage?: {
        calls: number;
        input_tokens: number;
        output_tokens: number;
      };
      /** @enum {string} */
      stop_reason?: 'budget';
      remaining?: components['schemas']['JobRemainingInput'];
    };
    PersonaTaskResponseInput: {
      message: string;
      selected: number;
      eligible: number;
      user_id: number | null;
      job_ids: number[];
      results?: ({
        user_id: number;
        job_id: number;
      } & components['schemas']['PersonaOutcomeInput'])[];
      usage?: {
        calls: number;
        input_tokens: number;
        output_tokens: number;
      };
      /** @enum {string} */
      stop_reason?: 'budget';
      remaining?: {
        user_ids: number[];
      };
    };
    PersonaForUserResponseInput: {
      message: string;
      user_id: number;
      /** @enum {string} */
      mode: 'sync' | 'async';
      job_id: number;
      joined: boolean;
      state: string;
      usage?: {
        calls: number;
        input_tokens: number;
        output_tokens: number;
      };
      /** @enum {string} */
      stop_reason?: 'budget';
      remaining?: components['schemas']['JobRemainingInput'];
      counts: {
        selected: number;
        eligible: number;
        refreshed: number | null;
        skipped: number | null;
        failed: number | null;
      };
      failed_memories: {
        conversation_id: number;
        error: string;
      }[];
      persona: components['schemas']['PersonaRecordInput'] | null;
      revision: components['schemas']['PersonaRevisionRefInput'] | null;
    };
    AuditActor: {
      /** @enum {string} */
      kind: 'staff' | 'token';
      staff_id?: number;
      email?: string;
    };
    FlowConfig: {
      /** @default true */
      use_simplified_mode: boolean;
      /** @default [] */
      steps: {
        name: string;
        /** @default true */
        enabled: boolean;
        /** @default false */
        use_conversation_history: boolean;
        /** @default true */
        is_use_conversation_history_valid: boolean;
        /** @default true */
        is_allowed_to_change_enabled: boolean;
      }[];
    };
    MemoryRecord: {
      id: number;
      conversation_id: number;
      memory_data: {
        [key: string]: unknown;
      };
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      updated_at: string;
    };
    PersonaRecord: {
      id: number;
      user_id: number;
      persona_data: {
        [key: string]: unknown;
      };
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      updated_at: string;
    };
    Message: {
      id: number;
      content: string;
      is_user: boolean;
      /** @description ISO-8601 timestamp */
      timestamp: string;
      /** @description The coach asked the student to clarify: the student's next message answers it (coach's messages only) */
      needs_clarification?: boolean;
      /** @description The questions the coach asked back (coach's messages only) */
      follow_up_questions?: string[];
      /** @description The student's question this reply answers; for a follow-up, the one first asked (coach's messages only) */
      original_query?: string | null;
    };
    PromptVersion: {
      id: number;
      prompt_id: number;
      version_number: number;
      prompt_text: string;
      is_active: boolean;
      is_production: boolean;
      user_id: number | null;
      /** @description ISO-8601 timestamp */
      created_at: string;
    };
    TurnContext: {
      user_id: number;
      persona: components['schemas']['PersonaRecord'] | null;
      memory: components['schemas']['MemoryRecord'] | null;
      messages: components['schemas']['Message'][];
      flow_config: components['schemas']['FlowConfig'];
      prompt_versions: {
        [key: string]: components['schemas']['PromptVersion'];
      };
    };
    BrainResponse: {
      user_id: number;
      conversation_id: number;
      original_message_id: number;
      llm_response: string;
      pipeline_data: {
        [key: string]: unknown;
      };
      needs_clarification?: boolean;
      follow_up_questions?: string[];
      original_query?: string;
      prompt_version_id?: number | null;
    };
    BrainFailure: {
      original_message_id: number;
      detail: string;
    };
    PersonaDiffEntry: {
      key: string;
      /** @enum {string} */
      change: 'added' | 'changed' | 'removed';
      /** @description The value in the current persona (null when added) */
      before: unknown;
      /** @description The value in this revision (null when removed) */
      after: unknown;
    };
    PersonaEvidence: {
      memory_id: number;
      conversation_id: number;
      /** @description Words found in that memory or in what the student wrote in that conversation */
      quote: string;
    };
    PersonaEvidenceClaim: {
      /** @description The persona key this supports, e.g. "inferred_interests" */
      key: string;
      /** @description The id of the memory the words come from */
      memory_id: number;
      /** @description Words copied exactly from that memory or from the student's own messages */
      quote: string;
    };
    PersonaRevisionRecord: {
      id: number;
      user_id: number;
      /** @description 1, 2, 3 … per student */
      number: number;
      /** @enum {string} */
      status: 'approved' | 'pending' | 'rejected' | 'superseded';
      /** @enum {string} */
      source: 'generator' | 'operator' | 'restore';
      persona_data: {
        [key: string]: unknown;
      };
      diff: components['schemas']['PersonaDiffEntry'][];
      evidence: {
        [key: string]: components['schemas']['PersonaEvidence'][];
      };
      /** @description Non-empty keys of a generator revision left without evidence */
      unsupported_keys: string[];
      /** @description Keys whose value reads like an instruction to the model (shown to operators; held for review) */
      flagged_keys: string[];
      job_id: number | null;
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      decided_at: string | null;
      /** @description Who approved or rejected it (an operator, or the admin token); null while pending, for the generator's approvals and supersessions */
      decided_by: components['schemas']['AuditActor'] | null;
      reason: string | null;
    };
    PersonaRevisionRef: {
      id: number;
      number: number;
      /** @enum {string} */
      status: 'approved' | 'pending' | 'rejected' | 'superseded';
    };
    GeneratorRevisionBody: {
      persona_data: {
        [key: string]: unknown;
      };
      /** @default [] */
      evidence: components['schemas']['PersonaEvidenceClaim'][];
      /** @default null */
      job_id: number | null;
    };
    RevisionWithPersona: {
      revision: components['schemas']['PersonaRevisionRecord'];
      persona: components['schemas']['PersonaRecord'] | null;
    };
    MemoryItemResult:
      | {
          conversation_id: number;
          /** @enum {string} */
          status: 'saved';
          /** @description ISO-8601 timestamp */
          updated_at: string;
        }
      | {
          conversation_id: number;
          /** @enum {string} */
          status: 'skipped';
          reason: string;
        }
      | {
          conversation_id: number;
          /** @enum {string} */
          status: 'failed';
          error: string;
        };
    PersonaOutcome:
      | {
          /** @enum {string} */
          status: 'saved';
          /** @description ISO-8601 timestamp */
          updated_at: string;
          /** @description The revision written (absent on jobs finished before revisions existed) */
          revision?: components['schemas']['PersonaRevisionRef'];
        }
      | {
          /** @enum {string} */
          status: 'skipped';
          reason: string;
        }
      | {
          /** @enum {string} */
          status: 'failed';
          error: string;
        };
    JobRemaining: {
      conversation_ids: number[];
      persona: boolean;
    };
    GenerationJobResult:
      | {
          /** @enum {string} */
          type: 'memory-batch';
          memories: {
            counts: {
              selected: number;
              saved: number;
              skipped: number;
              failed: number;
            };
            items: components['schemas']['MemoryItemResult'][];
          };
          remaining?: components['schemas']['JobRemaining'];
        }
      | {
          /** @enum {string} */
          type: 'user-persona';
          user_id: number;
          persona: components['schemas']['PersonaOutcome'];
          remaining?: components['schemas']['JobRemaining'];
        }
      | {
          /** @enum {string} */
          type: 'persona-for-user';
          user_id: number;
          memories: {
            counts: {
              selected: number;
              saved: number;
              skipped: number;
              failed: number;
            };
            items: components['schemas']['MemoryItemResult'][];
          };
          persona: components['schemas']['PersonaOutcome'];
          remaining?: components['schemas']['JobRemaining'];
        };
    GenerationJob: {
      id: number;
      /** @enum {string} */
      type: 'memory-batch' | 'user-persona' | 'persona-for-user';
      /** @enum {string} */
      state: 'queued' | 'running' | 'completed' | 'failed' | 'stopped';
      user_id: number | null;
      progress: {
        done: number;
        total: number;
      };
      attempts: number;
      params: {
        [key: string]: unknown;
      };
      result?: components['schemas']['GenerationJobResult'];
      error?: string;
      /** @enum {string} */
      stop_reason?: 'budget';
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      updated_at: string;
    };
    UsageReport: {
      from: string;
      to: string;
      /** @enum {string} */
      group_by: 'day' | 'call_type' | 'user' | 'model';
      totals: {
        calls: number;
        failed_calls: number;
        input_tokens: number;
        output_tokens: number;
        cost_usd: number | null;
      };
      groups: {
        calls: number;
        failed_calls: number;
        input_tokens: number;
        output_tokens: number;
        cost_usd: number | null;
        key: (string | number) | null;
      }[];
    };
    GenerationJobStatus: {
      id: number;
      /** @enum {string} */
      type: 'memory-batch' | 'user-persona' | 'persona-for-user';
      /** @enum {string} */
      state: 'queued' | 'running' | 'completed' | 'failed' | 'stopped';
      user_id: number | null;
      progress: {
        done: number;
        total: number;
      };
      attempts: number;
      params: {
        [key: string]: unknown;
      };
      result?: components['schemas']['GenerationJobResult'];
      error?: string;
      /** @enum {string} */
      stop_reason?: 'budget';
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      updated_at: string;
      usage: {
        calls: number;
        input_tokens: number;
        output_tokens: number;
      };
    };
    ConversationMemoryData: {
      /** @description The subjects the conversation was about. */
      main_topics: string[];
      /** @description What the student did or decided during the conversation. */
      action: string[];
      /** @description One observation about how the student engaged. */
      typical_observation: string;
    };
    UserPersonaData: {
      /** @description A short portrait of the student as a learner. */
      persona: string;
      inferred_interests?: string[];
      learning_patterns?: string[];
      personality_traits?: string[];
    };
    GeneratedPersona: {
      /** @description A short portrait of the student as a learner. */
      persona: string;
      inferred_interests?: string[];
      learning_patterns?: string[];
      personality_traits?: string[];
      /** @description For each non-empty key above: the memory id and words copied exactly from it that support the value */
      evidence: components['schemas']['PersonaEvidenceClaim'][];
    };
    /** @enum {string} */
    SafetyCategory: 'self_harm' | 'violence' | 'sexual' | 'bullying' | 'contact_info';
    /** @enum {string} */
    SafetySeverity: 'low' | 'medium' | 'high';
    SafetyFlag: {
      category: components['schemas']['SafetyCategory'];
      severity: components['schemas']['SafetySeverity'];
      rule: string;
    };
    Error: {
      detail: string;
    };
    Conversation: {
      id: number;
      user_id: number;
      title: string;
      created_at: string;
      updated_at: string;
    };
    ConversationSummary: {
      id: number;
      title: string;
      updated_at: string;
    };
    Feedback: {
      id: number;
      user_id: number;
      feedback_data: {
        [key: string]: unknown;
      };
      /** @description ISO-8601 timestamp */
      created_at: string;
    };
    MyPersona: {
      persona_data: {
        [key: string]: unknown;
      };
      /** @description ISO-8601 timestamp */
      updated_at: string;
    };
    PersonaReviewQueueItem: {
      id: number;
      user_id: number;
      /** @description 1, 2, 3 … per student */
      number: number;
      /** @enum {string} */
      status: 'approved' | 'pending' | 'rejected' | 'superseded';
      /** @enum {string} */
      source: 'generator' | 'operator' | 'restore';
      persona_data: {
        [key: string]: unknown;
      };
      diff: components['schemas']['PersonaDiffEntry'][];
      evidence: {
        [key: string]: components['schemas']['PersonaEvidence'][];
      };
      /** @description Non-empty keys of a generator revision left without evidence */
      unsupported_keys: string[];
      /** @description Keys whose value reads like an instruction to the model (shown to operators; held for review) */
      flagged_keys: string[];
      job_id: number | null;
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      decided_at: string | null;
      /** @description Who approved or rejected it (an operator, or the admin token); null while pending, for the generator's approvals and supersessions */
      decided_by: components['schemas']['AuditActor'] | null;
      reason: string | null;
      /** @description The student's name ("Student <id>" for one who logged in by phone number) */
      name: string;
    };
    PersonaCorrectionRequest: {
      id: number;
      /** @enum {string} */
      status: 'open' | 'resolved';
      key: string | null;
      text: string;
      /** @description ISO-8601 timestamp */
      created_at: string;
    };
    PersonaCorrection: {
      id: number;
      /** @enum {string} */
      status: 'open' | 'resolved';
      key: string | null;
      text: string;
      /** @description ISO-8601 timestamp */
      created_at: string;
      user_id: number;
      /** @description The student's name ("Student <id>" for one who logged in by phone number) */
      name: string;
      /** @description ISO-8601 timestamp */
      resolved_at: string | null;
      /** @description Who resolved it (an operator, or the admin token); null while open */
      resolved_by: components['schemas']['AuditActor'] | null;
      note: string | null;
    };
    SafetyAlert: {
      id: number;
      user_id: number;
      /** @description The student's name ("Student <id>" for one who logged in by phone number) */
      name: string;
      /** @description null once the student deleted the conversation */
      conversation_id: number | null;
      /** @description The flagged student message; null once deleted */
      message_id: number | null;
      /** @description What the screen found: self_harm, violence, sexual, bullying, contact_info … */
      category: string;
      /** @description low, medium or high */
      severity: string;
      /** @description The flagged message, cut to its first 200 characters, contact details redacted */
      excerpt: string;
      /** @enum {string} */
      status: 'open' | 'resolved';
      note: string | null;
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      resolved_at: string | null;
      /** @description Who resolved it (an operator, or the admin token); null while open */
      resolved_by: components['schemas']['AuditActor'] | null;
    };
    User: {
      id: number;
      phone_number: string | null;
      name: string | null;
      created_at: string;
    };
    StudentSummary: {
      id: number;
      phone_number: string | null;
      name: string | null;
      created_at: string;
      conversation_count: number;
      has_persona: boolean;
    };
    StudentDetail: {
      id: number;
      phone_number: string | null;
      name: string | null;
      created_at: string;
      conversations: {
        id: number;
        title: string;
        updated_at: string;
        has_memory: boolean;
      }[];
      persona: components['schemas']['PersonaRecord'] | null;
    };
    StudentExport: {
      /** @description ISO-8601 timestamp */
      exported_at: string;
      user: components['schemas']['User'];
      conversations: {
        id: number;
        title: string;
        created_at: string;
        updated_at: string;
        prompt_version_id: number | null;
        messages: {
          id: number;
          content: string;
          is_user: boolean;
          /** @description ISO-8601 timestamp */
          timestamp: string;
          /** @description The coach asked the student to clarify: the student's next message answers it (coach's messages only) */
          needs_clarification?: boolean;
          /** @description The questions the coach asked back (coach's messages only) */
          follow_up_questions?: string[];
          /** @description The student's question this reply answers; for a follow-up, the one first asked (coach's messages only) */
          original_query?: string | null;
          responds_to_message_id: number | null;
          pipeline_data: {
            [key: string]: unknown;
          } | null;
          safety_flags: components['schemas']['SafetyFlag'][];
        }[];
        memory: components['schemas']['MemoryRecord'] | null;
      }[];
      persona: components['schemas']['PersonaRecord'] | null;
      persona_revisions: components['schemas']['PersonaRevisionRecord'][];
      persona_corrections: {
        id: number;
        /** @enum {string} */
        status: 'open' | 'resolved';
        key: string | null;
        text: string;
        /** @description ISO-8601 timestamp */
        created_at: string;
        /** @description ISO-8601 timestamp */
        resolved_at: string | null;
        /** @description Who resolved it (an operator, or the admin token); null while open */
        resolved_by: components['schemas']['AuditActor'] | null;
        note: string | null;
      }[];
      feedback: components['schemas']['Feedback'][];
      generation_jobs: components['schemas']['GenerationJob'][];
      safety_alerts: {
        id: number;
        /** @description null once the student deleted the conversation */
        conversation_id: number | null;
        /** @description The flagged student message; null once deleted */
        message_id: number | null;
        /** @description What the screen found: self_harm, violence, sexual, bullying, contact_info … */
        category: string;
        /** @description low, medium or high */
        severity: string;
        /** @description The flagged message, cut to its first 200 characters, contact details redacted */
        excerpt: string;
        /** @enum {string} */
        status: 'open' | 'resolved';
        note: string | null;
        /** @description ISO-8601 timestamp */
        created_at: string;
        /** @description ISO-8601 timestamp */
        resolved_at: string | null;
        /** @description Who resolved it (an operator, or the admin token); null while open */
        resolved_by: components['schemas']['AuditActor'] | null;
      }[];
    };
    ResumedJob: {
      job_id: number;
    };
    PipelineSteps: {
      [key: string]: unknown;
    }[];
    AuditEntry: {
      id: number;
      actor: components['schemas']['AuditActor'];
      action: string;
      target_type: string;
      target_id: string | null;
      details: {
        [key: string]: unknown;
      };
      created_at: string;
    };
    LoginResponse: {
      success: boolean;
      message: string;
      user: components['schemas']['User'];
      generated_name: string | null;
      access_token: string;
      /** @enum {string} */
      token_type: 'bearer';
    };
    Health: {
      status: string;
      database: string;
      queue: string;
      brain: string;
    };
    LintProblem: {
      /** @description 1-based */
      line: number;
      /** @description 1-based, in UTF-16 code units */
      column: number;
      /** @description the token as written */
      text: string;
      message: string;
      /** @description the nearest valid placeholder */
      suggestion?: string;
    };
    LintWarning: {
      line?: number;
      column?: number;
      text?: string;
      message: string;
    };
    PromptLint: {
      problems: components['schemas']['LintProblem'][];
      warnings: components['schemas']['LintWarning'][];
    };
    PromptPreview: {
      /** @description the exact prompt text */
      rendered: string;
      /** @description every replaced token, in order */
      injections: {
        /** @description the token as the template wrote it */
        placeholder: string;
        start: number;
        /** @description rendered.slice(start, end) is what the token became */
        end: number;
      }[];
      /** @description the student's current persona revision, the one rendered; null when they have no persona */
      persona_revision: {
        id: number;
        number: number;
      } | null;
    };
    SavedPromptVersion: {
      id: number;
      prompt_id: number;
      version_number: number;
      prompt_text: string;
      is_active: boolean;
      is_production: boolean;
      user_id: number | null;
      /** @description ISO-8601 timestamp */
      created_at: string;
      warnings: components['schemas']['LintWarning'][];
    };
    EnsurePromptsResult: {
      /** @description prompts created now, with version 1 active and production */
      created: string[];
      /** @description prompts that already existed; left untouched */
      existing: string[];
    };
    PromptSummary: {
      id: number;
      name: string;
      description: string | null;
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      updated_at: string;
      active_version_number: number | null;
      active_version_text: string | null;
    };
    Prompt: {
      id: number;
      name: string;
      description: string | null;
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      updated_at: string;
      versions: components['schemas']['PromptVersion'][];
      active_prompt_version: components['schemas']['PromptVersion'] | null;
    };
    CreatedPrompt: {
      id: number;
      name: string;
      description: string | null;
      /** @description ISO-8601 timestamp */
      created_at: string;
      /** @description ISO-8601 timestamp */
      updated_at: string;
      versions: components['schemas']['PromptVersion'][];
      active_prompt_version: components['schemas']['PromptVersion'] | null;
      warnings: components['schemas']['LintWarning'][];
    };
    Settings: {
      /**
       * @description off: generator revisions are approved at once; changes: those that change or remove a key wait for review; all: every one waits
       * @enum {string}
       */
      persona_review: 'off' | 'changes' | 'all';
      updated_at: string;
    };
    StaffMember: {
      id: number;
      email: string;
      name: string;
      /** @enum {string} */
      role: 'admin' | 'reviewer' | 'viewer';
      disabled: boolean;
      created_at: string;
    };
    StaffLoginResponse: {
      access_token: string;
      /** @enum {string} */
      token_type: 'bearer';
      staff: components['schemas']['StaffMember'];
    };
    DryRunAnswer: {
      /** @enum {boolean} */
      dry_run: true;
      selected: number;
      estimated_calls: number;
      estimated_input_tokens: number;
      estimated_output_tokens: number;
    };
    MemoryTaskResponse: {
      message: string;
      selected: number;
      eligible: number;
      user_id?: number;
      job_id?: number;
      joined?: boolean;
      counts?: {
        selected: number;
        saved: number;
        skipped: number;
        failed: number;
      };
      results?: components['schemas']['MemoryItemResult'][];
      /** @enum {string} */
      state?: 'queued' | 'running' | 'completed' | 'failed' | 'stopped';
      usage?: {
        calls: number;
        input_tokens: number;
        output_tokens: number;
      };
      /** @enum {string} */
      stop_reason?: 'budget';
      remaining?: components['schemas']['JobRemaining'];
    };
    ConversationMemoryTaskResponse: {
      message: string;
      conversation_id: number;
      job_id?: number;
      joined?: boolean;
      memory?: components['schemas']['MemoryRecord'];
      /** @enum {string} */
      state?: 'queued' | 'running' | 'completed' | 'failed' | 'stopped';
      usage?: {
        calls: number;
        input_tokens: number;
        output_tokens: number;
      };
      /** @enum {string} */
      stop_reason?: 'budget';
      remaining?: components['schemas']['JobRemaining'];
    };
    PersonaTaskResponse: {
      message: string;
      selected: number;
      eligible: number;
      user_id: number | null;
      job_ids: number[];
      results?: ({
        user_id: number;
        job_id: number;
      } & components['schemas']['PersonaOutcome'])[];
      usage?: {
        calls: number;
        input_tokens: number;
        output_tokens: number;
      };
      /** @enum {string} */
      stop_reason?: 'budget';
      remaining?: {
        user_ids: number[];
      };
    };
    PersonaForUserResponse: {
      message: string;
      user_id: number;
      /** @enum {string} */
      mode: 'sync' | 'async';
      job_id: number;
      joined: boolean;
      state: string;
      usage?: {
        calls: number;
        input_tokens: number;
        output_tokens: number;
      };
      /** @enum {string} */
      stop_reason?: 'budget';
      remaining?: components['schemas']['JobRemaining'];
      counts: {
        selected: number;
        eligible: number;
        refreshed: number | null;
        skipped: number | null;
        failed: number | null;
      };
      failed_memories: {
        conversation_id: number;
        error: string;
      }[];
      persona: components['schemas']['PersonaRecord'] | null;
      revision: components['schemas']['PersonaRevisionRef'] | null;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
