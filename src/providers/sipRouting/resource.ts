/**
 * `SipRoutingConfiguration`: the direct-routing SIP configuration of one ACS resource as a single
 * Pulumi resource (type token `pulumi-nodejs:dynamic/ccvoice-sip:SipConfiguration`).
 */
import * as pulumi from "@pulumi/pulumi";
import type { SipRouteInput, SipTrunkInput } from "./logic";
import { sipRoutingProvider } from "./provider";

/** A trunk as given to the resource; defaults as in `ccvoice:directRouting.trunks`. */
export interface SipTrunkArgs {
  /** SBC FQDN, e.g. `sbc1.contoso.com`; its parent domain must be verified on the ACS resource. */
  fqdn: string;
  /** SIP signaling port. @default 5061 */
  sipSignalingPort?: number;
  /** Whether ACS sends calls to this trunk. @default true */
  enabled?: boolean;
  /** ccvoice's own flag, not sent: the SBC and its carrier handle emergency calls. @default false */
  emergencyCapable?: boolean;
  /** ccvoice's own flag, not sent: the port is TLS although it is not 5061. */
  tls?: boolean;
}

/** Arguments of {@link SipRoutingConfiguration}. */
export interface SipRoutingConfigurationArgs {
  /** ACS endpoint, `https://<name>.<geo>.communication.azure.com`; a change replaces the resource. */
  endpoint: pulumi.Input<string>;
  /** Verified direct-routing domains kept enabled. @default [] — domains are not touched */
  domains?: string[];
  /** Trunks this resource owns. @default [] */
  trunks?: SipTrunkArgs[];
  /** The whole route list, in priority order (first match wins). @default [] */
  routes?: SipRouteInput[];
  /**
   * Take over an ACS resource whose SIP configuration already has trunks or routes.
   * @default false — `create` fails and lists what it found
   */
  adoptExisting?: boolean;
}

/**
 * The SIP configuration (`/sip`) of one ACS resource: enabled verified domains, the trunks it owns
 * and the ordered route list. Every change is an in-place update with the fewest PATCH calls; an
 * update that changes nothing writes nothing; `delete` removes only what it owns.
 *
 * Credentials are read at call time from `CCVOICE_ACS_ACCESS_KEY` (access key of the ACS resource),
 * else `DefaultAzureCredential`.
 *
 * @see https://learn.microsoft.com/azure/communication-services/concepts/telephony/direct-routing-provisioning
 */
export class SipRoutingConfiguration extends pulumi.dynamic.Resource {
  declare readonly endpoint: pulumi.Output<string>;
  declare readonly domains: pulumi.Output<string[]>;
  declare readonly trunks: pulumi.Output<SipTrunkInput[]>;
  declare readonly routes: pulumi.Output<SipRouteInput[]>;
  declare readonly adoptExisting: pulumi.Output<boolean>;
  /** api-version used for `/sip` (GA `2023-03-01` unless a preview-only field is used). */
  declare readonly apiVersion: pulumi.Output<string>;
  /** Trunks on the resource that this configuration does not own (seen at the last apply or refresh). */
  declare readonly foreignTrunks: pulumi.Output<string[]>;

  /**
   * @param name logical name, e.g. `${component}-sip`
   * @param args see {@link SipRoutingConfigurationArgs}
   * @param opts resource options
   */
  constructor(name: string, args: SipRoutingConfigurationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      sipRoutingProvider,
      name,
      {
        endpoint: args.endpoint,
        domains: args.domains ?? [],
        trunks: args.trunks ?? [],
        routes: args.routes ?? [],
        adoptExisting: args.adoptExisting ?? false,
        apiVersion: undefined,
        foreignTrunks: undefined,
      },
      opts,
      "ccvoice-sip",
      "SipConfiguration",
    );
  }
}
