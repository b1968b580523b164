/** What a tenant decides for its own people (changed by the `tenant.settings` command). */
export interface TenantSettings {
  /** Whether the tenant's client viewers see agent names; off, they see agent ids only. */
  clientViewerAgentNames: boolean;
}

/** A tenant nobody configured: client viewers see no agent names (the default). */
export const DEFAULT_TENANT_SETTINGS: Readonly<TenantSettings> = Object.freeze({ clientViewerAgentNames: false });
