/**
 * @apollo/gateway, unless told otherwise, probes cloud metadata endpoints (AWS, GCP, Azure) and
 * exports usage metrics to Apollo's servers. A router run by shops and libraries sends nothing
 * anywhere it was not asked to, so this is switched off before any gateway is built. The
 * gateway reads the flag from the environment itself, hence the write here (in a module of its
 * own: config.ts builds the router's options, so the router must not import it).
 */
export function disableGatewayPhoneHome(): void {
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
}
