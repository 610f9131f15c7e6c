/**
 * ACS direct routing of one environment: the SIP configuration of the ACS resource (verified
 * domains kept enabled, SBC trunks, the ordered route list) as one `SipRoutingConfiguration`.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Route, Trunk } from "../config/schema";
import { SipRoutingConfiguration } from "../providers/sipRouting/resource";

/** Arguments of {@link DirectRouting}, in the service's terms (the `ccvoice:directRouting` section). */
export interface DirectRoutingArgs {
  /** ACS endpoint, `https://<host>` (`CommunicationChannel.endpoint`). */
  acsEndpoint: pulumi.Input<string>;
  /** Domains verified on the ACS resource in the portal. @default [] — domains are not touched */
  domains?: string[];
  /** SBC trunks. @default [] */
  trunks?: Trunk[];
  /** Routes in priority order (first match wins). @default [] */
  routes?: Route[];
  /**
   * Take over a SIP configuration that already has trunks or routes.
   * @default false — the first `pulumi up` fails and lists what it found
   */
  adoptExisting?: boolean;
}

/**
 * `ccvoice:acs:DirectRouting`: one SIP configuration per ACS resource (`<name>-sip`, type
 * `pulumi-nodejs:dynamic/ccvoice-sip:SipConfiguration`), updated in place with the fewest PATCH
 * calls; removing a trunk that routes still use rewrites the routes first.
 *
 * Carrier numbers of `ccvoice:directRouting.numbers` are not provisioned on ACS (they reach it through
 * the SBCs); the routing core and the runtime read them from the spec.
 *
 * @see https://learn.microsoft.com/azure/communication-services/concepts/telephony/direct-routing-provisioning
 */
export class DirectRouting extends pulumi.ComponentResource {
  /** The SIP configuration resource. */
  public readonly configuration: SipRoutingConfiguration;
  /** FQDNs of the trunks this stack owns. */
  public readonly trunkFqdns: pulumi.Output<string[]>;
  /** Route names in priority order. */
  public readonly routeNames: pulumi.Output<string[]>;
  /** Trunks on the ACS resource that this stack does not own (seen at the last apply or refresh). */
  public readonly foreignTrunks: pulumi.Output<string[]>;

  /**
   * @param name logical name; the child is `<name>-sip`
   * @param args see {@link DirectRoutingArgs}
   * @param opts component options
   */
  constructor(name: string, args: DirectRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ccvoice:acs:DirectRouting", name, {}, opts);
    this.configuration = new SipRoutingConfiguration(
      `${name}-sip`,
      {
        endpoint: args.acsEndpoint,
        domains: args.domains ?? [],
        trunks: (args.trunks ?? []).map((t) => ({
          fqdn: t.fqdn,
          sipSignalingPort: t.sipSignalingPort,
          enabled: t.enabled,
          emergencyCapable: t.emergencyCapable,
          ...(t.tls !== undefined ? { tls: t.tls } : {}),
        })),
        routes: (args.routes ?? []).map((r) => ({
          name: r.name,
          numberPattern: r.numberPattern,
          trunks: [...r.trunks],
          ...(r.description !== undefined ? { description: r.description } : {}),
          ...(r.callerIdOverride !== undefined ? { callerIdOverride: r.callerIdOverride } : {}),
        })),
        adoptExisting: args.adoptExisting ?? false,
      },
      { parent: this },
    );
    this.trunkFqdns = this.configuration.trunks.apply((ts) => (ts ?? []).map((t) => t.fqdn));
    this.routeNames = this.configuration.routes.apply((rs) => (rs ?? []).map((r) => r.name));
    this.foreignTrunks = this.configuration.foreignTrunks.apply((f) => f ?? []);
    this.registerOutputs({ trunkFqdns: this.trunkFqdns, routeNames: this.routeNames, foreignTrunks: this.foreignTrunks });
  }
}
