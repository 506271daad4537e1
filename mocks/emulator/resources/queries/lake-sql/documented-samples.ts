// Documented CloudTrail Lake sample queries, as fixtures for the translator: every one translates,
// except those whose own text is defective (`defect`: StartQuery rejects them with
// InvalidQueryStatementException, as CloudTrail would), and some end FAILED by design (`fails`).
// The store is always written `$EDS_ID`; the tests put a store of the sample's kind in its place.
//
// 'aws-samples' are the Lake queries AWS publishes as samples (MIT-0), verbatim but for their
// header comments and store placeholders (`<EDS ID>`, `<event_data_store_id>`, ...), here
// `$EDS_ID`; two Athena-only files (a CREATE EXTERNAL TABLE and a query over it) are left out.
// 'user-guide' are written from memory: the SQL-constraints, multi-table and dashboard-widget
// examples as faithfully as possible, the query-generator, optimization, outside-AWS, Config and
// Insights ones in the guide's style rather than its letter.
import type { StoreKind } from './lake-types';

export interface DocumentedSample {
  readonly name: string;
  readonly source: 'aws-samples' | 'user-guide';
  /** The kind of store the sample reads. */
  readonly kind: StoreKind;
  readonly sql: string;
  /** What is wrong with the sample's own text: translating it throws InvalidQueryStatementException. */
  readonly defect?: string;
  /** Why the query, valid, ends FAILED: translating it sets `failure`. */
  readonly fails?: string;
}

/** The samples, in the order of their sources. */
export const DOCUMENTED_SAMPLES: readonly DocumentedSample[] = [
  {
    name: 'EstimateAmountOfConfigurationItems',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    recipientAccountId, awsRegion, eventSource, count(*
    ) as TotalPossibleCI
FROM
    $EDS_ID
Where
    (eventSource like 'eks%'
        or eventSource like 'ec2%'
        or eventSource like 'vpc%'
        or eventSource like 'ecs%'
        or eventSource like 'iam%'
        or eventSource like 'autoscaling%'
        or eventSource like 's3%'
        or eventSource like 'rds%'
        or eventSource like 'backup%'
        or eventSource like 'athena%'
        or eventSource like 'cloudtrail%'
        or eventSource like 'cloudfront%'
        or eventSource like 'cloudformation%'
        or eventSource like 'code%'
        or eventSource like 'ecr%'
        or eventSource like 'lambda%'
        or eventSource like 'efs%'
    )
    and readOnly=False
    and managementEvent=True
    and eventTime > '2023-10-01 00:00:00'
    AND eventTime < '2023-10-30 00:00:00'
group
    by recipientAccountId, awsRegion, eventSource Order by recipientAccountId desc, TotalPossibleCI desc`,
  },
  {
    name: 'MostEvaluatedConfigRule',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    count(*
    ) as TotalEvents, date(eventTime
    ) as datestamp,awsRegion, recipientAccountId, element_at(additionalEventData, 'configRuleName'
    ) as configRuleName, element_at(additionalEventData, 'configRuleArn'
    ) as configRuleArn
FROM
$EDS_ID
WHERE
    eventName= 'PutEvaluations'
    and eventTime > '2022-11-01 00:00:00'
    AND eventTime < '2022-11-22 00:00:00'
group
    by date(eventTime
    ), awsRegion, recipientAccountId, additionalEventData
order
	by date(eventTime
    ) desc, TotalEvents desc, recipientAccountId`,
  },
  {
    name: 'SelfAssumeRole',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    eventid, eventtime, userIdentity.sessioncontext.sessionissuer.arn as RoleARN, userIdentity.principalId as RoleIdColonRoleSessionName
from
    $EDS_ID
where
    eventSource = 'sts.amazonaws.com'
    and eventName = 'AssumeRole'
    and userIdentity.type = 'AssumedRole'
    and errorcode IS NULL
    and userIdentity.sessioncontext.sessionissuer.arn = element_at(resources,1
    ).arn`,
  },
  {
    name: 'activity-performed-by-IP-address',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT useridentity.accountid
FROM $EDS_ID
WHERE sourceIPAddress = '192.0.2.76'
AND eventTime > '2023-01-01 00:00:00' AND eventTime < '2023-01-07 00:00:00'
AND useridentity.accountid != '555555555555'
GROUP by useridentity.accountid;`,
  },
  {
    name: 'aurora-databases-with-performance-insights',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    element_at(requestParameters, 'dBInstanceIdentifier'
    ) as DBInstance, element_at(requestParameters, 'engine'
    ) as Engine, element_at(requestParameters, 'engineVersion'
    ) as DBEngineVersion
FROM
    $EDS_ID
WHERE
    element_at(requestParameters, 'engine'
    ) = 'aurora-postgresql'
    and eventname = 'CreateDBInstance'
    and element_at(requestParameters, 'enablePerformanceInsights'
    ) = 'true'`,
  },
  {
    name: 'aurora-mysql-databases-with-instance-class-information',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    element_at(requestParameters, 'dBInstanceIdentifier'
    ) as DBInstance, element_at(requestParameters, 'dBInstanceClass'
    ) as InstanceClass, element_at(requestParameters, 'engine'
    ) as Engine, eventTime as DateTime
FROM
    $EDS_ID
WHERE
    element_at(requestParameters, 'engine'
    ) = 'aurora-mysql'
    and eventname = 'CreateDBInstance'
    and eventTime >='2022-01-01 00:00:00'`,
  },
  {
    name: 'aurora-postgresql-databases-with availability-zone-information',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    element_at(requestParameters, 'dBInstanceIdentifier'
    ) as DBInstance, element_at(requestParameters, 'engine'
    ) as Engine, element_at(requestParameters, 'engineVersion'
    ) as DBEngineVersion,  element_at(requestParameters, 'availabilityZone'
    ) as AvailabilityZone
FROM
    $EDS_ID
WHERE
    element_at(requestParameters, 'engine'
    ) = 'aurora-postgresql'
    and eventname = 'CreateDBInstance'
    and eventTime >='2021-01-01 00:00:00'
    and eventTime < '2022-01-01 00:00:00'`,
  },
  {
    name: 'aws-support-access',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `select
    eventTime,  eventSource,  eventName,  awsRegion,  sourceIPAddress, userAgent,  userIdentity.type as userIdtype,  element_at(resources, 1
    ).accountId as ressourceAccountID, element_at(resources, 1
    ).arn as ressourceARN, eventType, eventCategory, managementEvent, recipientAccountId, requestParameters, responseElements
from
    $EDS_ID
where
    eventSource = 'sts.amazonaws.com'
    and userAgent = 'support.amazonaws.com'`,
  },
  {
    name: 'cloudtrail-configuration-changes',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    eventName, element_at(requestParameters,'name'
    ), userIdentity.principalid, eventTime
FROM
    $EDS_ID
WHERE
    eventTime > '2022-01-01 00:00:00'
    AND eventTime < '2022-01-01 00:00:00'
    AND ( eventName = 'CreateTrail'
        or eventName = 'UpdateTrail'
        or eventName = 'DeleteTrail'
        or eventName = 'StartLogging'
        or eventName = 'StopLogging'
    )`,
  },
  {
    name: 'console-login-with-no-mfa',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    *
FROM
    $EDS_ID
WHERE
    eventsource = 'signin.amazonaws.com'
    AND eventname = 'ConsoleLogin'
    AND Element_at(additionaleventdata, 'MFAUsed'
    ) = 'No'`,
  },
  {
    name: 'cross-account-access',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    userIdentity.principalid, eventName, eventSource, userIdentity.accountId, recipientAccountId, requestParameters, eventTime
FROM
    $EDS_ID
WHERE
    eventTime > '2022-04-30 00:00:00'
    AND eventTime < '2022-06-01 00:00:00'
    AND userIdentity.accountId != recipientAccountId`,
  },
  {
    name: 'data-by-week-day',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    day_of_week(eventTime
    ) as weekday,  COUNT(*
    ) as eventCount
FROM
    $EDS_ID
WHERE
    eventTime > '2022-01-01 00:00:00'
    AND eventTime < '2022-01-01 00:00:00'
    AND eventCategory = 'Data'
GROUP
    BY day_of_week(eventTime
    )ORDER BY day_of_week(eventTime
    )`,
  },
  {
    name: 'database-failover-information',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    awsRegion as AWSRegion,  element_at(requestParameters, 'dBClusterIdentifier'
    ) as DBCluster, userIdentity.sessionContext.sessionIssuer.userName as UserName, eventTime as FailoverTime
FROM
    $EDS_ID
WHERE
    eventName = 'FailoverDBCluster'`,
  },
  {
    name: 'database-reboot-information',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    element_at(requestParameters, 'dBInstanceIdentifier'
    ) as DBInstance, userIdentity.sessionContext.sessionIssuer.userName as UserName, eventTime as RebootTime
FROM
    $EDS_ID
WHERE
    eventName = 'RebootDBInstance'ORDER BY eventTime DESC`,
  },
  {
    name: 'db-cluster-point-in-time-restore',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    element_at(requestParameters, 'sourceDBClusterIdentifier'
    ) as Source, element_at(requestParameters, 'dBClusterIdentifier'
    ) as Target, userIdentity.sessionContext.sessionIssuer.userName as UserName, eventTime as RestoreTime
FROM
    $EDS_ID
WHERE
    eventName = 'RestoreDBClusterToPointInTime'`,
  },
  {
    name: 'dynamodb-scan-operations',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    *
FROM
    $EDS_ID
WHERE
    eventsource = 'dynamodb.amazonaws.com'
    AND eventname = 'scan'`,
  },
  {
    name: 'ec2-api-run-instances',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT recipientAccountId, awsRegion, eventID, element_at(responseElements, 'instancesSet') as instances
FROM $EDS_ID
WHERE eventName='RunInstances'
AND eventTime > '2023-01-01 00:00:00' AND eventTime < '2023-01-07 00:00:00'`,
  },
  {
    name: 'ec2-events',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    *
FROM
    $EDS_ID
WHERE
    eventname IN ('AssociateAddress', 'DisassociateAddress', 'CancelReservedInstancesListing', 'CancelSpotInstanceRequests', 'CreateNetworkAcl', 'DeleteNetworkAcl', 'CreateNetworkAclEntry', '''CreateVpc' , 'DeleteVpcPeeringConnection', 'RevokeSecurityGroupIngress' , 'RevokeSecurityGroupEgress', 'DetachInternetGateway', 'PurchaseReservedInstancesOffering', 'ModifyReservedInstances', 'AcceptVpcPeeringConnection', 'RejectVpcPeeringConnection' , 'CreateVpcPeeringConnection'
    )`,
  },
  {
    name: 'ec2-public-security-group',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `-- This part of the query returns AuthorizeSecurityGroupIngress events
SELECT
    eventName,
    userIdentity.arn AS user,
    sourceIPAddress,
    eventTime,
    eventSource,
    element_at(requestParameters, 'groupId') AS securityGroup,
    element_at(requestParameters, 'ipPermissions') AS securityGroupRule
FROM
    $EDS_ID
WHERE
    eventTime >= '2023-07-06 00:00:00'
    AND eventTime <= '2023-07-08 00:00:00'
    AND eventName = 'AuthorizeSecurityGroupIngress'
    AND element_at(requestParameters, 'ipPermissions') LIKE '%0.0.0.0/0%' -- this filter is used to find security group changes with public rules.

UNION ALL

-- This part of the query returns ModifySecurityGroupRulesRequest events
SELECT
    eventName,
    userIdentity.arn AS user,
    sourceIPAddress,
    eventTime,
    eventSource,
    json_extract_scalar(element_at(requestParameters, 'ModifySecurityGroupRulesRequest'), '$.GroupId') securityGroup,
    element_at(requestParameters, 'ModifySecurityGroupRulesRequest') securityGroupRule
FROM
    $EDS_ID
WHERE
	eventTime >= '2023-07-06 00:00:00'
    AND eventTime <= '2023-07-09 00:00:00'
	AND eventName = 'ModifySecurityGroupRules'
    AND element_at(requestParameters, 'ModifySecurityGroupRulesRequest') LIKE '%0.0.0.0/0%'  -- this filter is used to find security group changes with public rules.
ORDER
    BY eventTime DESC`,
  },
  {
    name: 'ec2-security-historical-changes',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `-- This part of the query returns AuthorizeSecurityGroupIngress events
SELECT
    element_at(requestParameters, 'groupId') AS securityGroup,
    eventName,
    eventTime,
    element_at(requestParameters, 'ipPermissions') AS securityGroupRule,
    userIdentity.arn AS user,
    sourceIPAddress,
    eventSource
FROM
    $EDS_ID
WHERE
    eventTime >= '2023-07-06 00:00:00'
    AND eventTime <= '2023-07-08 00:00:00'
    AND eventName = 'AuthorizeSecurityGroupIngress'

UNION ALL

-- This part of the query returns ModifySecurityGroupRulesRequest events
SELECT
    json_extract_scalar(element_at(requestParameters, 'ModifySecurityGroupRulesRequest'), '$.GroupId') securityGroup,
    eventName,
    eventTime,
    element_at(requestParameters, 'ModifySecurityGroupRulesRequest') securityGroupRule,
    userIdentity.arn AS user,
    sourceIPAddress,
    eventSource
FROM
    $EDS_ID
WHERE
	eventTime >= '2023-07-06 00:00:00'
    AND eventTime <= '2023-07-09 00:00:00'
	AND eventName = 'ModifySecurityGroupRules'
ORDER BY securityGroup,
    eventTime`,
  },
  {
    name: 'event-response-element-by-event-id',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT responseElements
FROM $EDS_ID
WHERE eventID = '3270e016-59a1-4448-8dd1-d27a4796502d';`,
  },
  {
    name: 'find-snapshots-not-encrypted',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `select
    userIdentity.principalid,awsRegion,element_at(requestParameters,'volumeId'
    ) as volume, json_extract(element_at(requestparameters, 'CreateSnapshotsRequest'
        ),'$.InstanceSpecification.InstanceId'
    ) as Instance, element_at(responseElements,'snapshotId'
    ) as snapshotID
from
    $EDS_ID
where
    eventName like '%CreateSnapshots%'
    or eventName like '%CreateSnapshot'
    and element_at(responseElements,'encrypted'
    )='false'
    and eventTime < '2022-01-01 00:00:00'
    and eventTime > '2022-11-11 00:00:00'`,
  },
  {
    name: 'iam-access-key-activity',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT eventSource,eventName,sourceIPAddress,eventTime,errorCode
FROM $EDS_ID
WHERE userIdentity.accessKeyId = 'AKIAIOSFODNN7EXAMPLE'
AND eventTime > '2023-01-01 00:00:00' AND eventTime < '2023-01-07 00:00:00'
order by eventTime;`,
  },
  {
    name: 'iam-access-key-success-activity',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT count (*) as NumberEvents, eventSource, eventName
FROM $EDS_ID
WHERE eventTime > '2023-01-01 00:00:00' AND eventTime < '2023-01-07 00:00:00'
AND userIdentity.accessKeyId = 'AKIAIOSFODNN7EXAMPLE'
AND errorcode IS NULL
GROUP by eventSource, eventName
order by NumberEvents desc;`,
  },
  {
    name: 'iam-idc-authenticate-api',
    source: 'aws-samples',
    kind: 'cloudtrail',
    defect: 'FROM is written twice.',
    sql: `SELECT userIdentity.username, eventTime, recipientAccountId, awsRegion, sourceIPAddress, eventID
FROM FROM $EDS_ID
WHERE eventSource = 'sso.amazonaws.com'
AND eventName = 'Authenticate'
AND eventTime > '2023-01-01 00:00:00' AND eventTime < '2023-01-07 00:00:00'`,
  },
  {
    name: 'iam-idc-federate-api-by-idc-user',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT element_at(serviceEventDetails, 'account_id') as AccountID, element_at(serviceEventDetails, 'role_name') as SSORole, eventID, eventTime
FROM $EDS_ID
WHERE eventSource = 'sso.amazonaws.com'
AND eventName = 'Federate'
AND userIdentity.username = 'alice@example.com'
AND eventTime > '2023-01-01 00:00:00' AND eventTime < '2023-01-07 00:00:00'`,
  },
  {
    name: 'iam-idc-user-count-and-group-activity',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT eventSource, eventName, COUNT(*) AS apiCount
FROM $EDS_ID
WHERE userIdentity.principalId LIKE '%alice@example.com'
AND eventTime > '2023-01-01 00:00:00' AND eventTime < '2023-01-07 00:00:00'
GROUP BY eventSource, eventName
ORDER BY apiCount DESC`,
  },
  {
    name: 'iam-idc-user-create-iam-role',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT recipientAccountId, awsRegion, eventID, eventTime, errorCode, errorMessage
FROM $EDS_ID
WHERE userIdentity.principalId LIKE '%alice@example.com'
AND eventName='CreateRole'
AND eventTime > '2023-01-01 00:00:00' AND eventTime < '2023-01-07 00:00:00'`,
  },
  {
    name: 'iam-idc-user-create-iam-user-acces-keys',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT recipientAccountId, awsRegion, eventID, eventTime, errorCode, errorMessage
FROM $EDS_ID
WHERE userIdentity.principalId LIKE '%alice@example.com'
AND eventName='CreateAccessKey'
AND eventTime > '2023-01-01 00:00:00' AND eventTime < '2023-01-07 00:00:00'`,
  },
  {
    name: 'iam-idc-user-create-iam-user',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT recipientAccountId, awsRegion, eventID, eventTime, element_at(responseElements, 'user') as userInfo
FROM $EDS_ID
WHERE userIdentity.principalId LIKE '%alice@example.com'
AND eventName='CreateUser'
AND eventTime > '2023-01-01 00:00:00' AND eventTime < '2023-01-07 00:00:00'`,
  },
  {
    name: 'iam-idc-user-denied-activity',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT recipientAccountId, awsRegion, eventSource, eventName, readOnly, errorCode, errorMessage, eventTime, eventID
FROM $EDS_ID
WHERE userIdentity.principalId LIKE '%alice@example.com'
AND (errorCode = 'AccessDenied' OR errorCode LIKE '%Unauthorized%')
AND eventTime > '2023-01-01 00:00:00' AND eventTime < '2023-01-07 00:00:00'`,
  },
  {
    name: 'iam-idc-user-modify-iam-policy',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT recipientAccountId, eventID, eventTime, element_at(requestParameters, 'roleName') as roleName, element_at(requestParameters, 'policyDocument') as policyDocument
FROM $EDS_ID
WHERE userIdentity.principalId LIKE '%alice@example.com'
AND eventName='PutRolePolicy'
AND eventTime > '2023-01-01 00:00:00' AND eventTime < '2023-01-07 00:00:00'`,
  },
  {
    name: 'iam-idc-user-mutable-actions',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT eventSource, eventName, eventTime, eventID, errorCode
FROM $EDS_ID
WHERE userIdentity.principalId LIKE '%alice@example.com'
AND readOnly = false
AND eventTime > '2023-01-01 00:00:00' AND eventTime < '2023-01-07 00:00:00'`,
  },
  {
    name: 'iam-principal-by-launched-ec2-instance-id',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT userIdentity.principalid, eventName, eventTime, recipientAccountId, awsRegion
FROM $EDS_ID
WHERE responseElements IS NOT NULL AND
element_at(responseElements, 'instancesSet') like '%"instanceId":"i-b188560f"%'
AND eventTime > '2023-01-01 00:00:00' AND eventTime < '2023-01-07 00:00:00'
AND eventName='RunInstances'`,
  },
  {
    name: 'iam-role-activity',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT eventSource, eventName, eventTime, eventID, errorCode
FROM $EDS_ID
WHERE eventTime > '2023-01-01 00:00:00' AND eventTime < '2023-01-07 00:00:00'
AND useridentity.type = 'AssumedRole'
AND useridentity.sessioncontext.sessionissuer.arn = 'arn:aws:iam::555555555555:role/alice';`,
  },
  {
    name: 'iam-role-assumed-by-iam-access-key',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT requestParameters,responseElements
FROM $EDS_ID
WHERE eventName = 'AssumeRole'
AND eventTime > '2023-01-01 00:00:00' AND eventTime < '2023-01-07 00:00:00'
AND userIdentity.accessKeyId = 'AKIAIOSFODNN7EXAMPLE';`,
  },
  {
    name: 'list-all-S3-PutObjects-Encryption-status',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `select
    recipientAccountId, eventTime, element_at(requestParameters,'bucketName'
    ) AS S3BUCKET , element_at(requestParameters,'key'
    ) AS S3OBJECT, element_at(requestParameters,'x-amz-server-side-encryption'
    ) AS ReqENCRYPTION,element_at(responseElements,'x-amz-server-side-encryption'
    ) AS RespENCRYPTION
from
    $EDS_ID
where
    eventName='PutObject' order by eventTime desc`,
  },
  {
    name: 'list-all-errors-for-s3-events',
    source: 'aws-samples',
    kind: 'cloudtrail',
    defect: 'Text follows the query (`example: select ...`).',
    sql: `select
    eventType, eventName, errorMessage
from
    $EDS_ID
where
    errorMessage is not null
    and eventSource='s3.amazonaws.com'example: select
        eventType, eventName, errorMessage
    from
        $EDS_ID
    where
        errorMessage is not null
        and eventSource='s3.amazonaws.com'`,
  },
  {
    name: 'list-all-events-in-a-flatten-table-format',
    source: 'aws-samples',
    kind: 'cloudtrail',
    fails: "Its time bounds are the unfilled placeholder '${date_filter}', which is no timestamp.",
    sql: `SELECT
    eventVersion,
    userIdentity.principalID,
    userIdentity.arn,
    userIdentity.accountID,
    userIdentity.accessKeyID,
    userIdentity.username,
    userIdentity.sessionContext.attributes.creationDate,
    userIdentity.sessionContext.attributes.mfaAuthenticated,
    userIdentity.sessionContext.sessionIssuer.type,
    userIdentity.sessionContext.sessionIssuer.principalID,
    userIdentity.sessionContext.sessionIssuer.arn,
    userIdentity.sessionContext.sessionIssuer.accountID,
    userIdentity.sessionContext.sessionIssuer.username,
    userIdentity.sessionContext.webidfederationData.federatedProvider,
    userIdentity.sessionContext.webidfederationData.attributes,
    userIdentity.sessionContext.sourceIdentity,
    userIdentity.sessionContext.ec2RoleDelivery,
    userIdentity.sessionContext.ec2IssuedInVPC,
    userIdentity.invokedBy,
    userIdentity.identityProvider,
    eventTime,
    eventSource,
    eventName,
    awsRegion,
    sourceIpAddress,
    userAgent,
    errorCode,
    errorMessage,
    requestParameters,
    responseElements,
    additionalEventData,
    requestID,
    eventID,
    readOnly,
    resources,
    eventType,
    apiVersion,
    managementEvent,
    recipientAccountID,
    sharedEventID,
    annotation,
    vpcEndPointID,
    serviceEventDetails,
    addendum,
    edgeDeviceDetails,
    insightDetails,
    eventCategory,
    tlsDetails.tlsVersion,
    tlsDetails.cipherSuite,
    tlsDetails.clientProvidedHostHeader,
    sessionCredentialFromConsole,
    eventJson,
    eventJsonChecksum
FROM
    $EDS_ID
WHERE eventTime >= '\${date_filter}'
    AND eventTime <= '\${date_filter}'
    -- Add filter Criteria in the where clause to filter the result set.
    -- Without a filter criteria, this query will scann all the data and will result to very slow query.`,
  },
  {
    name: 'list-all-events-not-in-authorized-region',
    source: 'aws-samples',
    kind: 'cloudtrail',
    defect: 'Text follows the query (`: select ...`).',
    sql: `select
    awsRegion, eventType, eventTime, eventName
from
    $EDS_ID
where
    awsRegion not in ('region','region'
    )
    and recipientAccountId='<accountid>': select
        awsRegion, eventType, eventTime, eventName
    from
        $EDS_ID
    where
        awsRegion not in ('<region>','<region>'
        )
        and recipientAccountId='<accountid>'`,
  },
  {
    name: 'list-all-manually-created-resources',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    userIdentity.arn AS user, userIdentity, eventTime, eventSource, eventName, awsRegion, requestParameters, resources, requestID, eventID
FROM
    $EDS_ID
WHERE
    (eventName LIKE '%Create%'
        OR eventName LIKE '%Update%'
        OR eventName LIKE '%Put%'
        OR eventName LIKE '%Delete%'
    )
    AND resources IS NOT NULL
    AND userIdentity.sessioncontext.sessionissuer.username NOT LIKE 'AWSServiceRole%'
    AND userIdentity.sessioncontext.sessionissuer.username NOT IN (''
    )
    AND sourceIpAddress != 'cloudformation.amazonaws.com'ORDER BY eventTime DESC`,
  },
  {
    name: 'list-attempted-s3-requests.',
    source: 'aws-samples',
    kind: 'cloudtrail',
    defect: 'A space is missing before ORDER (`requestParametersORDER BY`).',
    sql: `SELECT
    userIdentity.principalId, errorMessage, element_at(requestParameters, 'bucketName'
    ) as bucket, element_at(requestParameters, 'key'
    ) as objectKey, count(*
    ) as attempts
FROM
    $EDS_ID
WHERE
    eventTime > '2022-01-01 00:00:00'
    AND eventTime < '2022-01-30 00:00:00'
    AND eventSource = 's3.amazonaws.com'
    AND eventName = 'GetObject'
GROUP
    BY userIdentity.principalId, errorMessage, requestParametersORDER BY attempts desc`,
  },
  {
    name: 'list-events-with-errors',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    userIdentity.arn,eventTime,eventSource,eventName,awsRegion,sourceIPAddress,userAgent,errorCode,errorMessage,requestParameters,readOnly,resources,recipientAccountId,tlsDetails
FROM
    $EDS_ID
WHERE
    errorCode IS NOT NULL
    AND eventTime > '2022-01-01 00:00:00'
    AND eventTime < '2022-01-01 00:00:00'`,
  },
  {
    name: 'list-publicly-accessible-rds-instances',
    source: 'aws-samples',
    kind: 'cloudtrail',
    defect: 'The query is repeated without a separator.',
    sql: `SELECT
    *
FROM
    $EDS_ID
WHERE
    eventsource = 'rds.amazonaws.com'
    AND eventname = 'CreateDBInstance'
    AND ELEMENT_AT(requestParameters, 'publiclyAccessible'
    ) = 'true'SELECT
    *
FROM
    $EDS_ID
WHERE
    eventsource = 'rds.amazonaws.com'
    AND eventname = 'CreateDBInstance'
    AND ELEMENT_AT(requestParameters, 'publiclyAccessible'
    ) = 'true'`,
  },
  {
    name: 'list-write-events-from-management-console',
    source: 'aws-samples',
    kind: 'cloudtrail',
    fails: 'sessionCredentialFromConsole is a string: Trino refuses `= true`.',
    sql: `SELECT
    userIdentity.arn,eventTime,eventSource,eventName,awsRegion,sourceIPAddress,userAgent,requestParameters,readOnly,recipientAccountId,sessionCredentialFromConsole
FROM
    $EDS_ID
WHERE
    sessionCredentialFromConsole = true
    AND readOnly = false
    AND eventTime > '2022-01-01 00:00:00'
    AND eventTime < '2022-01-01 00:00:00'`,
  },
  {
    name: 'logs-by-region',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    awsRegion, eventSource, COUNT(*
    ) AS apiCount
FROM
    $EDS_ID
WHERE
    eventTime > '2022-04-23 00:00:00'
    AND eventTime < '2022-11-26 00:00:00'
GROUP
    BY awsRegion, eventSource ORDER BY apiCount DESC`,
  },
  {
    name: 'network-activity-events-vpce-access-denied-s3',
    source: 'aws-samples',
    kind: 'cloudtrail',
    fails: "Its time bounds are the unfilled placeholder '${date_filter}', which is no timestamp.",
    sql: `SELECT userIdentity.username,
    userIdentity.accountid,
    eventType,
    eventCategory,
    eventName,
    errorCode,
    errorMessage,
    vpcEndpointId,
    vpcEndpointAccountId,
    sourceIPAddress
FROM $EDS_ID
WHERE eventCategory = 'NetworkActivity'
    AND eventSource = 's3.amazonaws.com'
    AND errorCode = 'VpceAccessDenied'
    AND eventTime >= '\${date_filter}'
    AND eventTime <= '\${date_filter}'
GROUP BY
    userIdentity.arn,
    userIdentity.accountid,
    eventName,
    errorMessage,
    vpcEndpointId,
    vpcEndpointAccountId,
    sourceIPAddress
ORDER BY eventName DESC`,
  },
  {
    name: 'network-activity-events-vpce-access-denied-secrets-manager',
    source: 'aws-samples',
    kind: 'cloudtrail',
    fails: "Its time bounds are the unfilled placeholder '${date_filter}', which is no timestamp.",
    sql: `SELECT eventTime,
    userIdentity.username,
    userIdentity.accountid,
    eventType,
    eventCategory,
    eventName,
    errorCode,
    errorMessage,
    vpcEndpointId,
    vpcEndpointAccountId,
    sourceIPAddress
FROM $EDS_ID
WHERE eventCategory = 'NetworkActivity'
    AND eventSource = 'secretsmanager.amazonaws.com'
    AND errorCode = 'VpceAccessDenied'
    AND eventTime >= '\${date_filter}'
    AND eventTime <= '\${date_filter}'
ORDER BY eventTime`,
  },
  {
    name: 'network-activity-events-vpce-access-denied',
    source: 'aws-samples',
    kind: 'cloudtrail',
    fails: "Its time bounds are the unfilled placeholder '${date_filter}', which is no timestamp.",
    sql: `SELECT count(*) as VPCAccessDenied,
    userIdentity.arn,
    userIdentity.accountid,
    eventName,
    errorMessage,
    vpcEndpointId,
    vpcEndpointAccountId,
    sourceIPAddress
FROM $EDS_ID
WHERE eventCategory = 'NetworkActivity'
    AND errorCode = 'VpceAccessDenied'
    AND eventTime >= '\${date_filter}'
    AND eventTime <= '\${date_filter}'
GROUP BY
    userIdentity.arn,
    userIdentity.accountid,
    eventName,
    errorMessage,
    vpcEndpointId,
    vpcEndpointAccountId,
    sourceIPAddress
ORDER BY eventName DESC`,
  },
  {
    name: 'network-activity-events',
    source: 'aws-samples',
    kind: 'cloudtrail',
    fails: "Its time bounds are the unfilled placeholder '${date_filter}', which is no timestamp.",
    sql: `SELECT count(*) as VPCAccessDenied,
    userIdentity.arn,
    userIdentity.accountid,
    eventName,
    errorMessage,
    vpcEndpointId,
    vpcEndpointAccountId,
    sourceIPAddress
FROM $EDS_ID
WHERE eventCategory = 'NetworkActivity'
    AND errorCode = 'VpceAccessDenied'
    AND eventTime >= '\${date_filter}'
    AND eventTime <= '\${date_filter}'
GROUP BY
    userIdentity.arn,
    userIdentity.accountid,
    eventName,
    errorMessage,
    vpcEndpointId,
    vpcEndpointAccountId,
    sourceIPAddress
ORDER BY eventName DESC`,
  },
  {
    name: 'rds-db-deleted-with-no-snapshot',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    element_at(requestParameters, 'dBClusterIdentifier'
    ) as DBCluster, userIdentity.sessionContext.sessionIssuer.userName as UserName, eventTime as DeletedTime
FROM
    $EDS_ID
WHERE
    eventName = 'DeleteDBCluster'
    and element_at(requestParameters, 'skipFinalSnapshot'
    ) = 'true'`,
  },
  {
    name: 'resourceCompliance',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    eventTime,awsRegion, recipientAccountId, element_at(additionalEventData, 'configRuleName'
    ) as configRuleName, json_extract_scalar(json_array_get(element_at(requestParameters,'evaluations'
        ),0
        ),'$.complianceType'
    ) as Compliance, json_extract_scalar(json_array_get(element_at(requestParameters,'evaluations'
        ),0
        ),'$.complianceResourceType'
    ) as ResourceType, json_extract_scalar(json_array_get(element_at(requestParameters,'evaluations'
        ),0
        ),'$.complianceResourceId'
    ) as ResourceName
FROM
    $EDS_ID
WHERE
    eventName='PutEvaluations'
    AND eventTime > '2023-11-16 00:00:00'
    AND eventTime < '2023-11-17 00:00:00'
    And json_extract_scalar(json_array_get(element_at(requestParameters,'evaluations'
        ),0
        ),'$.complianceType'
    ) IN ('COMPLIANT','NON_COMPLIANT'
    )`,
  },
  {
    name: 's3-actions-by-iam-access-key',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT element_at(requestParameters, 'bucketName') as BucketName, element_at(requestParameters, 'key') as ObjectName, eventName
FROM $EDS_ID
WHERE (eventName = 'CopyObject' OR eventName = 'DeleteObject' OR eventName = 'DeleteObjects' OR eventName = 'GetObject' OR eventName = 'HeadObject' OR eventName = 'PutObject')
AND eventTime > '2023-01-01 00:00:00' AND eventTime < '2023-01-07 00:00:00'
AND userIdentity.accessKeyId = 'AKIAIOSFODNN7EXAMPLE'`,
  },
  {
    name: 's3-buckets-public-access-block-historical-changes',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
	element_at(requestParameters, 'bucketName') AS bucketName,
    json_extract_scalar(element_at(requestParameters, 'PublicAccessBlockConfiguration'), '$.RestrictPublicBuckets') AS restrictPublicBuckets,
    json_extract_scalar(element_at(requestParameters, 'PublicAccessBlockConfiguration'), '$.BlockPublicPolicy') AS blockPublicPolicy,
    element_at(requestParameters, 'PublicAccessBlockConfiguration') AS publicAccessBlockConfiguration,
    eventName,
    eventTime,
    requestParameters,
    userIdentity.arn AS user,
    responseElements
FROM
    $EDS_ID
WHERE
    eventTime >= '2023-07-07 00:00:00'
    AND eventSource = 's3.amazonaws.com'
    and element_at(requestParameters, 'bucketName') = 'demo-20230707'
    and eventName IN ('PutPublicAccessBlock', 'DeletePublicAccessBlock', 'PutBucketPublicAccessBlock')
ORDER BY
	bucketName,
    eventTime DESC`,
  },
  {
    name: 's3-buckets-using-acls',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT DISTINCT
    element_at(requestParameters, 'bucketName') AS Bucket,
    awsRegion AS Region,
    recipientAccountId AS AccountID
FROM
    $EDS_ID
WHERE
    element_at(additionalEventData, 'aclRequired') = 'Yes'
ORDER BY
    recipientAccountId,
    awsRegion`,
  },
  {
    name: 'ssm-patch-compliance-all-ec2-instances-time-range',
    source: 'aws-samples',
    kind: 'config',
    fails: 'The emulator has no cast from JSON to map(varchar, json).',
    sql: `SELECT
  replace(eventData.resourceId, 'AWS::SSM::ManagedInstanceInventory/') as InstanceId,eventData.accountId, eventData.awsRegion, eventTime,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'Installed'), FoundItem -> json_extract(FoundItem, '$.Id')) as Installed,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'InstalledOther'), FoundItem -> json_extract(FoundItem, '$.Id')) as InstalledOther,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'InstalledPendingReboot'), FoundItem -> json_extract(FoundItem, '$.Id')) as InstalledPendingReboot,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'Missing'), FoundItem -> json_extract(FoundItem, '$.Id')) as Missing,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'Failed'), FoundItem -> json_extract(FoundItem, '$.Id')) as Failed
FROM (
    SELECT eventData, map_values(cast(json_extract(json_parse(eventJson), '$.eventData.configuration.AWS:ComplianceItem.Content.Patch') as map(varchar, json))) as PatchResult,
  eventTime
    FROM $EDS_ID
    WHERE eventData.resourceType = 'AWS::SSM::PatchCompliance'
  AND eventTime > '2023-06-23 00:00:00'
  AND eventTime < '2023-06-25 12:00:00'
) where PatchResult is not null;`,
  },
  {
    name: 'ssm-patch-compliance-all-ec2-instances',
    source: 'aws-samples',
    kind: 'config',
    fails: 'The emulator has no cast from JSON to map(varchar, json).',
    sql: `SELECT
  eventData.accountId, eventData.awsRegion, replace(eventData.resourceId, 'AWS::SSM::ManagedInstanceInventory/') as InstanceId, eventTime,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'Installed'), FoundItem -> json_extract(FoundItem, '$.Id')) as Installed,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'InstalledOther'), FoundItem -> json_extract(FoundItem, '$.Id')) as InstalledOther,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'InstalledPendingReboot'), FoundItem -> json_extract(FoundItem, '$.Id')) as InstalledPendingReboot,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'Missing'), FoundItem -> json_extract(FoundItem, '$.Id')) as Missing,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'Failed'), FoundItem -> json_extract(FoundItem, '$.Id')) as Failed
FROM (
    SELECT eventData, map_values(cast(json_extract(json_parse(eventJson), '$.eventData.configuration.AWS:ComplianceItem.Content.Patch') as map(varchar, json))) as PatchResult,eventTime
    FROM $EDS_ID
    WHERE eventData.resourceType = 'AWS::SSM::PatchCompliance'
) where PatchResult is not null`,
  },
  {
    name: 'ssm-patch-compliance-distinct-ec2-instance-latest',
    source: 'aws-samples',
    kind: 'config',
    fails: 'The emulator has no cast from JSON to map(varchar, json).',
    sql: `SELECT
  eventData.accountId, eventData.awsRegion, replace(eventData.resourceId, 'AWS::SSM::ManagedInstanceInventory/') as InstanceId, eventTime,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'Installed'), FoundItem -> json_extract(FoundItem, '$.Id')) as Installed,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'InstalledOther'), FoundItem -> json_extract(FoundItem, '$.Id')) as InstalledOther,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'InstalledPendingReboot'), FoundItem -> json_extract(FoundItem, '$.Id')) as InstalledPendingReboot,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'Missing'), FoundItem -> json_extract(FoundItem, '$.Id')) as Missing,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'Failed'), FoundItem -> json_extract(FoundItem, '$.Id')) as Failed
FROM (SELECT eventData, map_values(cast(json_extract(json_parse(eventJson), '$.eventData.configuration.AWS:ComplianceItem.Content.Patch') as map(varchar, json))) as PatchResult,eventTime, rank() over (partition by replace(eventData.resourceId, 'AWS::SSM::ManagedInstanceInventory/') order by eventTime desc) as rnk
    FROM $EDS_ID
    WHERE eventData.resourceType = 'AWS::SSM::PatchCompliance'
) where rnk = 1`,
  },
  {
    name: 'ssm-patch-compliance-selected-ec2-instance-time-range',
    source: 'aws-samples',
    kind: 'config',
    fails: 'The emulator has no cast from JSON to map(varchar, json).',
    sql: `SELECT
  replace(eventData.resourceId, 'AWS::SSM::ManagedInstanceInventory/') as InstanceId,eventData.accountId, eventData.awsRegion, eventTime,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'Installed'), FoundItem -> json_extract(FoundItem, '$.Id')) as Installed,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'InstalledOther'), FoundItem -> json_extract(FoundItem, '$.Id')) as InstalledOther,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'InstalledPendingReboot'), FoundItem -> json_extract(FoundItem, '$.Id')) as InstalledPendingReboot,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'Missing'), FoundItem -> json_extract(FoundItem, '$.Id')) as Missing,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'Failed'), FoundItem -> json_extract(FoundItem, '$.Id')) as Failed
FROM (
    SELECT eventData, map_values(cast(json_extract(json_parse(eventJson), '$.eventData.configuration.AWS:ComplianceItem.Content.Patch') as map(varchar, json))) as PatchResult,
  eventTime
    FROM $EDS_ID
    WHERE eventData.resourceType = 'AWS::SSM::PatchCompliance'
  AND replace(eventData.resourceId, 'AWS::SSM::ManagedInstanceInventory/') = '<instance id such as i-123456789012>'
  AND eventTime > '2023-06-23 00:00:00'
  AND eventTime < '2023-06-25 12:00:00'
) where PatchResult is not null;`,
  },
  {
    name: 'ssm-patch-compliance-selected-ec2-instance',
    source: 'aws-samples',
    kind: 'config',
    fails: 'The emulator has no cast from JSON to map(varchar, json).',
    sql: `SELECT
  replace(eventData.resourceId, 'AWS::SSM::ManagedInstanceInventory/') as InstanceId,eventData.accountId, eventData.awsRegion, eventTime,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'Installed'), FoundItem -> json_extract(FoundItem, '$.Id')) as Installed,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'InstalledOther'), FoundItem -> json_extract(FoundItem, '$.Id')) as InstalledOther,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'InstalledPendingReboot'), FoundItem -> json_extract(FoundItem, '$.Id')) as InstalledPendingReboot,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'Missing'), FoundItem -> json_extract(FoundItem, '$.Id')) as Missing,
  transform(filter(PatchResult, PatchItem -> cast(json_extract(PatchItem, '$.PatchState') as varchar) = 'Failed'), FoundItem -> json_extract(FoundItem, '$.Id')) as Failed
FROM (
    SELECT eventData, map_values(cast(json_extract(json_parse(eventJson), '$.eventData.configuration.AWS:ComplianceItem.Content.Patch') as map(varchar, json))) as PatchResult,
  eventTime
    FROM $EDS_ID
    WHERE eventData.resourceType = 'AWS::SSM::PatchCompliance'
  AND replace(eventData.resourceId, 'AWS::SSM::ManagedInstanceInventory/') = '<instance id such as i-123456789012>'
) where PatchResult is not null;`,
  },
  {
    name: 'tag-history-by-resource',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    awsRegion, eventSource, json_extract_scalar(eventjson, '$.requestParameters.resourcesSet.items[0].resourceId'
    ) as resourceId, eventTime, eventName, json_extract_scalar(eventjson, '$.requestParameters.tagSet.items[0].key'
    ) as key, json_extract_scalar(eventjson, '$.requestParameters.tagSet.items[0].value'
    ) as value, useridentity.arn as identityarn
from
    $EDS_ID
where
    eventTime > '2022-01-01 00:00:00'
    and eventName in ('CreateTags','DeleteTags'
    )order by resourceId,key,eventTime desc`,
  },
  {
    name: 'tls-unsupported-version',
    source: 'aws-samples',
    kind: 'cloudtrail',
    fails: "Its time bounds are the unfilled placeholder '${date_filter}', which is no timestamp.",
    sql: `SELECT
    eventSource,
    tlsDetails.tlsVersion,
    sourceIPAddress,
    recipientAccountId,
    COUNT(*) AS numOutdatedTlsCalls
FROM
    $EDS_ID
WHERE
    eventTime >= '\${date_filter}' -- Eg: '2023-06-20 00:00:00'
    AND eventTime <= '\${date_filter}' -- Eg: '2023-06-27 00:00:00'
    AND tlsDetails.tlsVersion LIKE 'TLSv%'
    AND CAST(REPLACE(tlsDetails.tlsVersion, 'TLSv', '') AS DOUBLE) <= 1.1
GROUP BY
    eventSource,
    tlsDetails.tlsVersion,
    sourceIPAddress,
    recipientAccountId
ORDER BY
    numOutdatedTlsCalls DESC`,
  },
  {
    name: 'tls-version',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    eventName,  awsRegion,  sourceIPAddress,  recipientAccountId,  tlsDetails.tlsversion
FROM
    $EDS_ID
WHERE
    eventTime > '2022-01-01 00:00:00'
    AND eventTime < '2022-01-01 00:00:00'
    AND tlsDetails.tlsversion != 'TLSv1.3'`,
  },
  {
    name: 'top-actions-by-iam-role',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT count (*) as NumberEvents, eventSource, eventName
FROM $EDS_ID
WHERE eventTime > '2023-01-01 00:00:00' AND eventTime < '2023-01-07 00:00:00'
AND useridentity.type = 'AssumedRole'
AND useridentity.sessioncontext.sessionissuer.arn = 'arn:aws:iam::555555555555:role/alice'
GROUP by eventSource, eventName
order by NumberEvents desc;`,
  },
  {
    name: 'top-errors',
    source: 'aws-samples',
    kind: 'cloudtrail',
    defect: 'Spaces are missing before ORDER and LIMIT (`errorMessageORDER BY`, `DESCLIMIT`).',
    sql: `SELECT
    errorCode,  errorMessage,  COUNT(*
    ) as eventCount
FROM
    $EDS_ID
WHERE
    eventTime > '2022-01-01 00:00:00'
    AND eventTime < '2022-01-01 00:00:00'
    AND (errorCode is not null
        or errorMessage is not null
    )
GROUP
    BY errorCode, errorMessageORDER BY eventCount DESCLIMIT 10;`,
  },
  {
    name: 'top-iam-actions-by-principal',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
	COUNT(*) AS apiCount, eventName, recipientAccountId, userIdentity.principalid
FROM
	$EDS_ID
WHERE
	userIdentity.principalid IS NOT NULL AND eventTime >= '2022-01-08 00:00:00'
    AND
	    eventSource='iam.amazonaws.com'
GROUP BY
	eventName, recipientAccountId, userIdentity.principalid
ORDER BY
	apiCount DESC`,
  },
  {
    name: 'top-s3-actions',
    source: 'aws-samples',
    kind: 'cloudtrail',
    defect: 'A space is missing before ORDER (`eventNameORDER BY`).',
    sql: `SELECT
    eventName, COUNT(*
    ) as requestCount
FROM
    $EDS_ID
WHERE
    eventSource = 's3.amazonaws.com'
    AND eventCategory = 'Data'
    AND eventTime > '2022-01-01 00:00:00'
    AND eventTime < '2022-01-01 00:00:00'
    AND element_at(requestParameters, 'bucketName'
    ) = 'my-bucket-name'
GROUP
    BY eventNameORDER BY requestCount DESC`,
  },
  {
    name: 'top-s3-objects',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    element_at(requestParameters, 'bucketName'
    ) as bucketName,  element_at(requestParameters, 'key'
    ) as key,  COUNT(*
    ) as requestCount
FROM
    $EDS_ID
WHERE
    eventSource = 's3.amazonaws.com'
    AND eventCategory = 'Data'
    AND eventTime > '2022-01-01 00:00:00'
    AND eventTime < '2022-01-01 00:00:00'
    AND eventName = 'GetObject'
GROUP
    BY requestParameters ORDER BY requestCount DESC LIMIT 20;`,
  },
  {
    name: 'user-added-to-admin-group',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    userIdentity.principalid, eventName, eventTime, element_at(requestParameters,'userName'
    ) AS username, element_at(requestParameters,'groupName'
    ) AS groupname
FROM
    $EDS_ID
WHERE
    eventTime > '2022-04-30 00:00:00'
    AND eventTime < '2022-11-01 00:00:00'
    AND eventName = 'AddUserToGroup'
    AND element_at(requestParameters,'groupName'
    ) like '%admin%'`,
  },
  {
    name: 'users-by-account',
    source: 'aws-samples',
    kind: 'cloudtrail',
    sql: `SELECT
    userIdentity.principalid, useridentity.accountId, count(*
    ) as eventCount
FROM
    $EDS_ID
WHERE
    userIdentity.principalid IS NOT NULL
    AND eventTime > '2022-01-01 00:00:00'
    AND eventTime < '2022-01-01 00:00:00'
GROUP
    BY userIdentity.principalid, useridentity.accountId ORDER BY EventCount DESC`,
  },
  {
    name: 'Events between two times',
    source: 'user-guide',
    kind: 'cloudtrail',
    sql: `SELECT *
FROM $EDS_ID
WHERE
     eventtime >='2023-01-05 13:51:00' and eventtime < ='2023-01-19 13:51:00'`,
    defect: 'A space inside `<=`.',
  },
  {
    name: 'Events between two times, corrected',
    source: 'user-guide',
    kind: 'cloudtrail',
    sql: `SELECT *
FROM $EDS_ID
WHERE
     eventtime >='2023-01-05 13:51:00' and eventtime <='2023-01-19 13:51:00'`,
  },
  {
    name: 'Union of several event data stores',
    source: 'user-guide',
    kind: 'cloudtrail',
    sql: `Select eventId, eventName from $EDS_ID UNION Select eventId, eventName from $EDS_ID UNION ALL Select eventId, eventName from $EDS_ID ORDER BY eventId LIMIT 10;`,
  },
  {
    name: 'Join of two event data stores',
    source: 'user-guide',
    kind: 'cloudtrail',
    sql: `Select e1.eventId, e1.eventName, e2.eventId, e2.eventName from $EDS_ID as e1 LEFT JOIN $EDS_ID as e2 ON e1.eventId = e2.eventId ORDER BY e1.eventId LIMIT 10`,
  },
  {
    name: 'Principals who called an API in a time range',
    source: 'user-guide',
    kind: 'cloudtrail',
    sql: `SELECT userIdentity.principalId, eventTime FROM $EDS_ID WHERE eventName = 'ConsoleLogin' AND eventTime > '2023-08-01 00:00:00' AND eventTime < '2023-08-08 00:00:00'`,
  },
  {
    name: 'Dashboard widget: top errors',
    source: 'user-guide',
    kind: 'cloudtrail',
    sql: `SELECT errorCode, COUNT(*) AS eventCount FROM $EDS_ID WHERE eventTime > '2024-11-12T08:00:00.00Z' AND eventTime < '2024-11-13T08:00:00.00Z' AND (errorCode is not null) GROUP BY errorCode ORDER BY eventCount DESC LIMIT 100`,
  },
  {
    name: 'Dashboard widget: most active regions',
    source: 'user-guide',
    kind: 'cloudtrail',
    sql: `SELECT awsRegion, COUNT(*) AS eventCount FROM $EDS_ID WHERE eventTime > '2024-11-12T08:00:00.00Z' AND eventTime < '2024-11-13T08:00:00.00Z' GROUP BY awsRegion ORDER BY eventCount DESC LIMIT 10`,
  },
  {
    name: 'Dashboard widget: account activity',
    source: 'user-guide',
    kind: 'cloudtrail',
    sql: `SELECT DATE_TRUNC('hour', eventTime) AS eventDate, IF(readOnly, 'read', 'write') AS readWrite, COUNT(*) as eventCount FROM $EDS_ID WHERE eventTime > '2024-11-12T08:00:00.00Z' AND eventTime < '2024-11-13T08:00:00.00Z' GROUP BY DATE_TRUNC('hour', eventTime), IF(readOnly, 'read', 'write') ORDER BY DATE_TRUNC('hour', eventTime), IF(readOnly, 'read', 'write')`,
  },
  {
    name: 'Dashboard widget: top services',
    source: 'user-guide',
    kind: 'cloudtrail',
    sql: `SELECT REPLACE(eventSource, '.amazonaws.com') AS service, COUNT(*) AS eventCount FROM $EDS_ID WHERE eventTime > '2024-11-12T08:00:00.00Z' AND eventTime < '2024-11-13T08:00:00.00Z' GROUP BY REPLACE(eventSource, '.amazonaws.com') ORDER BY eventCount DESC LIMIT 10`,
  },
  {
    name: 'Query generator: console sign-ins of the last week',
    source: 'user-guide',
    kind: 'cloudtrail',
    sql: `SELECT eventTime, userIdentity.arn, sourceIPAddress, element_at(responseElements, 'ConsoleLogin') AS loginResult FROM $EDS_ID WHERE eventName = 'ConsoleLogin' AND eventTime >= current_timestamp - INTERVAL '7' DAY ORDER BY eventTime DESC LIMIT 100`,
  },
  {
    name: 'Query generator: most common errors of the last month',
    source: 'user-guide',
    kind: 'cloudtrail',
    sql: `SELECT errorCode, errorMessage, COUNT(*) AS errorCount FROM $EDS_ID WHERE errorCode IS NOT NULL AND eventTime >= date_add('month', -1, now()) GROUP BY errorCode, errorMessage ORDER BY errorCount DESC LIMIT 10`,
  },
  {
    name: 'Query generator: S3 buckets deleted today',
    source: 'user-guide',
    kind: 'cloudtrail',
    sql: `SELECT element_at(requestParameters, 'bucketName') AS bucketName, userIdentity.arn, eventTime FROM $EDS_ID WHERE eventSource = 's3.amazonaws.com' AND eventName = 'DeleteBucket' AND eventTime >= date_trunc('day', current_timestamp)`,
  },
  {
    name: 'Optimization: distinct callers, approximately',
    source: 'user-guide',
    kind: 'cloudtrail',
    sql: `SELECT approx_distinct(userIdentity.accessKeyId) AS distinctKeys FROM $EDS_ID WHERE eventTime >= '2024-01-01 00:00:00' AND eventTime < '2024-01-02 00:00:00'`,
  },
  {
    name: 'Optimization: regexp_like instead of several LIKE',
    source: 'user-guide',
    kind: 'cloudtrail',
    sql: `SELECT eventName, COUNT(*) AS calls FROM $EDS_ID WHERE regexp_like(eventName, '^(Create|Delete|Update)') AND eventTime > '2024-01-01 00:00:00' GROUP BY eventName ORDER BY calls DESC`,
  },
  {
    name: 'Optimization: filter a join on both sides',
    source: 'user-guide',
    kind: 'cloudtrail',
    sql: `SELECT a.eventName, b.eventName AS followedBy FROM $EDS_ID a JOIN $EDS_ID b ON a.userIdentity.arn = b.userIdentity.arn WHERE a.eventTime > '2024-01-01 00:00:00' AND b.eventTime > '2024-01-01 00:00:00' AND a.eventName = 'ConsoleLogin' AND b.eventTime > a.eventTime LIMIT 20`,
  },
  {
    name: 'Events from outside AWS by user',
    source: 'user-guide',
    kind: 'activity',
    sql: `SELECT eventData.userIdentity.principalId, eventData.eventName, eventData.eventSource, count(*) AS events FROM $EDS_ID WHERE eventData.eventSource = 'MyCustomSource' GROUP BY 1, 2, 3 ORDER BY events DESC`,
  },
  {
    name: 'Events from outside AWS with a user detail',
    source: 'user-guide',
    kind: 'activity',
    sql: `SELECT eventData.eventTime, element_at(eventData.userIdentity.details, 'email') AS email, eventData.eventName, metadata.channelArn FROM $EDS_ID WHERE eventTime > '2024-01-01 00:00:00' ORDER BY eventTime DESC`,
  },
  {
    name: 'Configuration items of a resource type',
    source: 'user-guide',
    kind: 'config',
    sql: `SELECT eventData.configuration, eventData.accountId, eventData.awsRegion, eventData.resourceName, eventData.resourceType, eventData.configurationItemStatus FROM $EDS_ID WHERE eventData.resourceType = 'AWS::EC2::SecurityGroup' AND eventTime > '2024-01-01 00:00:00'`,
  },
  {
    name: 'Insights events by type',
    source: 'user-guide',
    kind: 'insights',
    sql: `SELECT element_at(insightDetails, 'insightType') AS insightType, COUNT(*) AS insights FROM $EDS_ID WHERE eventTime > date_add('day', -7, now()) GROUP BY 1`,
  },
];
