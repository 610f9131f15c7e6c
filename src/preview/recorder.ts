/**
 * Records every resource the program registers with the (mock) resource monitor.
 *
 * `MockResourceArgs` carries no parent, so the recorder wraps the mock monitor's `registerResource`
 * and reads the gRPC request itself: type, name, the parent URN (`getParent()`) and the serialized
 * inputs (`getObject()`), in which secrets are still marked and can be shown as `[secret]`.
 */

/** One registered resource, as `ccvoice preview` shows it. */
export interface RecordedResource {
  /** Type token, e.g. `azure-native:communication:CommunicationService` or `ccvoice:index:ContactCenterVoice`. */
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  /** Logical name of the parent resource; `null` at the root. */
  readonly parent: string | null;
  /** Whether it is a custom (provider) resource rather than a component. */
  readonly custom: boolean;
  /** Inputs as registered; secrets are `[secret]`, unknowns `[unknown]`, resource references `[resource <name>]`. */
  readonly inputs: Record<string, unknown>;
}

/** Markers of the Pulumi wire format (`@pulumi/pulumi/runtime/rpc`). */
const SPECIAL_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Inputs not worth showing: the serialized code of dynamic providers. */
const HIDDEN_INPUTS = new Set(["__provider"]);

/** Logical name at the end of a URN (`urn:pulumi:stack::project::type::name`). */
export function nameOfUrn(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/**
 * Turns a serialized property value into plain JSON for display.
 *
 * @param value a value from `Struct.toJavaScript()` of a register request
 * @returns the value with secrets as `[secret]`, unknowns as `[unknown]`, references as `[resource <name>]`
 */
export function redact(value: unknown): unknown {
  if (value === UNKNOWN) return "[unknown]";
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  const sig = obj[SPECIAL_SIG];
  if (sig === SECRET_SIG) return "[secret]";
  if (sig === RESOURCE_SIG) return `[resource ${typeof obj.urn === "string" ? nameOfUrn(obj.urn) : "?"}]`;
  if (sig === OUTPUT_SIG) {
    if (obj.secret === true) return "[secret]";
    return "value" in obj ? redact(obj.value) : "[unknown]";
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(obj)) {
    if (!HIDDEN_INPUTS.has(key)) out[key] = redact(inner);
  }
  return out;
}

/** The parts of the gRPC `RegisterResourceRequest` the recorder reads. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}
type Callback = (err: unknown, response: unknown) => void;
interface MonitorLike {
  registerResource(req: RegisterRequest, callback: Callback): unknown;
}

/**
 * Wraps a mock monitor so every registration is recorded, in the order the monitor receives them.
 *
 * @param monitor `pulumi.runtime.getMonitor()` right after `pulumi.runtime.setMocks(...)`
 * @returns the live list of recorded resources
 * @throws Error when the monitor has no `registerResource` (not the SDK's MockMonitor)
 */
export function recordRegistrations(monitor: unknown): RecordedResource[] {
  const target = monitor as MonitorLike | undefined;
  if (!target || typeof target.registerResource !== "function") {
    throw new Error("the Pulumi mock monitor is not set; call pulumi.runtime.setMocks first");
  }
  const records: RecordedResource[] = [];
  const original = target.registerResource.bind(target);
  target.registerResource = (req: RegisterRequest, callback: Callback) => {
    const parentUrn = req.getParent();
    records.push({
      type: req.getType(),
      name: req.getName(),
      parent: parentUrn ? nameOfUrn(parentUrn) : null,
      custom: req.getCustom(),
      inputs: (redact(req.getObject()?.toJavaScript() ?? {}) ?? {}) as Record<string, unknown>,
    });
    return original(req, callback);
  };
  return records;
}

/**
 * Orders resources as a tree: each root, then its children depth first; among siblings, provider
 * resources come before components, each in registration order.
 *
 * @param records resources as recorded
 */
export function treeOrder(records: readonly RecordedResource[]): RecordedResource[] {
  const known = new Set(records.map((r) => r.name));
  const children = new Map<string | null, RecordedResource[]>();
  for (const r of records) {
    const key = r.parent !== null && known.has(r.parent) ? r.parent : null;
    children.set(key, [...(children.get(key) ?? []), r]);
  }
  const out: RecordedResource[] = [];
  const seen = new Set<RecordedResource>();
  const visit = (parent: string | null) => {
    const siblings = children.get(parent) ?? [];
    // Provider resources before components, each in registration order.
    for (const child of [...siblings.filter((s) => s.custom), ...siblings.filter((s) => !s.custom)]) {
      if (seen.has(child)) continue;
      seen.add(child);
      out.push(child);
      visit(child.name);
    }
  };
  visit(null);
  return [...out, ...records.filter((r) => !seen.has(r))];
}
