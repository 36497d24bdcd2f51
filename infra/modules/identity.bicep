// The Function App's user-assigned managed identity. User-assigned (not system-assigned) so that its
// role assignments exist before the app starts: Flex Consumption pulls its package and resolves
// Key Vault references with it on first start.
param location string
param tags object
param name string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
