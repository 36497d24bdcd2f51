// Storage account of the Function App: the Functions host (AzureWebJobsStorage), the Durable Functions
// task hub (tables, queues, blobs), the Flex Consumption deployment package, and MedSpa's files (Blob).
// Shared-key access is off: everything connects with the managed identity.
param location string
param tags object
param name string
@description('Principal id of the Function App managed identity.')
param principalId string
@description('Optional: a user or group (e.g. the deploying developer) given the same data roles, for debugging. Empty: none.')
param developerPrincipalId string = ''
param deploymentContainerName string = 'app-package'
param filesContainerName string = 'files'
@description('Log Analytics workspace that records every read of a blob (a clinical photo fetched through its short-lived link is audited here, as the API audits the request that minted the link). Empty: none.')
param logAnalyticsId string = ''

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }

  resource blobService 'blobServices' = {
    name: 'default'
    properties: {
      deleteRetentionPolicy: { enabled: true, days: 7 }
    }

    resource deployments 'containers' = {
      name: deploymentContainerName
      properties: { publicAccess: 'None' }
    }

    resource files 'containers' = {
      name: filesContainerName
      properties: { publicAccess: 'None' }
    }
  }
}

// Built-in role definition ids (stable across tenants).
var roles = {
  // The Functions host needs Owner (not only Contributor) on blobs for its leases and the deployment package;
  // Owner includes everything Storage Blob Data Contributor grants, so the files container is covered too.
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  // Durable Functions' Azure Storage provider keeps its work items in queues and its history in tables.
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

var appRoles = [roles.blobDataOwner, roles.blobDataContributor, roles.queueDataContributor, roles.tableDataContributor]

resource appRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in appRoles: {
  name: guid(storage.id, principalId, role)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}]

resource developerRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in appRoles: if (!empty(developerPrincipalId)) {
  name: guid(storage.id, developerPrincipalId, role)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: developerPrincipalId
  }
}]

output name string = storage.name
output id string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
output filesContainerName string = filesContainerName

// Photos leave through links that storage serves, not the API: storage's own read log is their view audit.
resource blobReads 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (!empty(logAnalyticsId)) {
  name: 'blob-reads'
  scope: storage::blobService
  properties: {
    workspaceId: logAnalyticsId
    logs: [
      { category: 'StorageRead', enabled: true }
      { category: 'StorageWrite', enabled: true }
      { category: 'StorageDelete', enabled: true }
    ]
  }
}
