/**
 * The project-level APIs the user's example touches: Resource Manager's project IAM policy
 * (`gcloud projects add-iam-policy-binding`, `projects describe`) and Service Usage
 * (`gcloud services enable secretmanager.googleapis.com`). Any project ID exists here; enabling
 * a service is recorded and answered with a finished operation, and never required.
 *
 * @module
 */
import { invalidArgument, notFound } from './errors.js';
import { objectBody, optionalObject, type JsonObject } from './json-input.js';
import { nextPolicy, parsePolicy, type Policy } from './policy.js';
import { projectRef, type Call, type ServiceDeps } from './service-context.js';

const SERVICE_NAME = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;

export class ProjectServices {
  constructor(private readonly deps: ServiceDeps) {}

  #project(call: Call, segment: string, permission: string): { id: string; number: string } {
    const project = projectRef(this.deps, segment);
    call.audit.project = project.id ?? segment;
    call.audit.resource = `projects/${call.audit.project}`;
    this.deps.access.require(call.principal, permission, { project: project.id ?? segment, resource: `projects/${segment}` });
    if (!project.id) throw notFound(`Project [${segment}] not found.`);
    return { id: project.id, number: project.display };
  }

  /** `GET /v1/projects/{p}` (Resource Manager v1). */
  getProject(call: Call, segment: string): JsonObject {
    const { id, number } = this.#project(call, segment, 'resourcemanager.projects.get');
    return { projectNumber: number, projectId: id, lifecycleState: 'ACTIVE', name: id };
  }

  getIamPolicy(call: Call, segment: string): Policy {
    const { id } = this.#project(call, segment, 'resourcemanager.projects.getIamPolicy');
    return parsePolicy(this.deps.iam.projectPolicy(id));
  }

  setIamPolicy(call: Call, segment: string, body: unknown): Policy {
    const { id } = this.#project(call, segment, 'resourcemanager.projects.setIamPolicy');
    const next = nextPolicy(parsePolicy(this.deps.iam.projectPolicy(id)), optionalObject(objectBody(body), 'policy'), {
      level: 'project',
      serviceAccountExists: (email) => this.deps.iam.getServiceAccount(email) !== undefined,
    });
    this.deps.iam.putProjectPolicy(id, JSON.stringify(next));
    return next;
  }

  #service(number: string, service: string, enabled: boolean): JsonObject {
    return { name: `projects/${number}/services/${service}`, parent: `projects/${number}`, config: { name: service }, state: enabled ? 'ENABLED' : 'DISABLED' };
  }

  /** Enables or disables services and answers with an operation that is already done. */
  setServicesState(call: Call, segment: string, services: readonly string[], enable: boolean): JsonObject {
    const { id, number } = this.#project(call, segment, enable ? 'serviceusage.services.enable' : 'serviceusage.services.disable');
    for (const service of services) {
      if (!SERVICE_NAME.test(service)) throw invalidArgument(`Invalid service name [${service.slice(0, 200)}].`);
    }
    call.audit.resource = services.length === 1 ? `projects/${id}/services/${services[0]}` : `projects/${id}/services`;
    for (const service of services) {
      if (enable) this.deps.iam.enableService(id, service);
      else this.deps.iam.disableService(id, service);
    }
    const kind = enable ? (services.length === 1 ? 'EnableServiceResponse' : 'BatchEnableServicesResponse') : 'DisableServiceResponse';
    const rendered = services.map((s) => this.#service(number, s, enable));
    const response = services.length === 1 && !kind.startsWith('Batch') ? { service: rendered[0] } : { services: rendered };
    return { name: 'operations/noop.DONE_OPERATION', done: true, response: { '@type': `type.googleapis.com/google.api.serviceusage.v1.${kind}`, ...response } };
  }

  getService(call: Call, segment: string, service: string): JsonObject {
    const { id, number } = this.#project(call, segment, 'serviceusage.services.get');
    return this.#service(number, service, this.deps.iam.enabledServices(id).includes(service));
  }

  listServices(call: Call, segment: string): JsonObject {
    const { id, number } = this.#project(call, segment, 'serviceusage.services.list');
    const services = this.deps.iam.enabledServices(id).map((s) => this.#service(number, s, true));
    return services.length > 0 ? { services } : {};
  }

  /** Operations are finished when returned; a lookup of one says so. */
  getOperation(name: string): JsonObject {
    return { name, done: true };
  }
}

/** The services named by a batch request body. */
export function serviceIds(body: unknown): string[] {
  const ids = objectBody(body).serviceIds;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((s) => typeof s === 'string')) throw invalidArgument('Field [service_ids] is required.');
  return ids;
}
