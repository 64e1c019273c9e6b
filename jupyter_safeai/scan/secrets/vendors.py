# ruff: noqa: E501  (a table: one rule, its sample token on a line each)
"""The vendor token table: one `TokenRule` per token format, with its own samples.

Written from the vendors' documented token formats (prefix, alphabet, length); the
breadth follows gitleaks' rule set. Sample tokens are synthetic (random from a fixed seed,
in the token's format); `_prefixed` and `_beside` write each into the samples a rule must
find and the look-alikes it must not, which one parametrised test checks
(tests/scan/test_secret_rules.py). Vendors with a label of their own or a validator
beyond "prefix, alphabet, entropy" live in `tokens.py`.

To add a token type, add one entry here (see README, "Adding a rule").
"""

from __future__ import annotations

from typing import TypedDict

from .rules import TokenRule


class _Samples(TypedDict):
    samples: tuple[str, ...]
    not_secrets: tuple[str, ...]


def _prefixed(token: str) -> _Samples:
    """A token with a prefix of its own: found where it is assigned, not glued to a word."""
    return {"samples": (f'token = "{token}"',), "not_secrets": (f"x{token}",)}


def _beside(keyword: str, token: str) -> _Samples:
    """A token known only by a keyword: found in a name that holds the keyword (a variable,
    a key), not in a name that does not."""
    return {"samples": (f'{keyword.upper()}_TOKEN = "{token}"', f"{keyword}Key: {token}"),
            "not_secrets": (f'build_id = "{token}"',)}


VENDOR_RULES: tuple[TokenRule, ...] = (
    TokenRule(
        '1password-secret-key', 'a 1Password account secret key',
        'A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}',
        entropy=3.0,
        **_prefixed('A3-U66GO9-2PAFHS-2A5UN-QWWY6-VF98S-3JTBX')),
    TokenRule(
        '1password-service-account-token', 'a 1Password service-account token',
        'ops_eyJ[A-Za-z0-9+/]{250,8000}={0,3}',
        entropy=4.0,
        **_prefixed('ops_eyJ72Lz/O2+yh19DcQGN28S9dP68gzn9z3ZliBET6+uZh+7/3Elo6M4h5X29Ii/vMY0S5BLA5KZfPFitTAo+Rc8QlK1URn0xTZwBNxJGstDD8pm5pP/7VTa3r6dIzEZWFG5Y9CQbRUXxi21KxnXsWh7/1k7Wp94PjMbdAL6q0XDtUtbOjbliQMhM3VNHtXNojIloUhgIB0g1BHMeCnPMso6Ezob72PvgxltH3DkqlPm1oCrZHOUPPEQtmD2Qt1x===')),
    TokenRule(
        'adobe-client-secret', 'an Adobe client secret',
        'p8e-[A-Za-z0-9]{32}',
        entropy=3.0,
        **_prefixed('p8e-xaqOxILiBqt7irjZ4QyJOBBRieaQ9UI8')),
    TokenRule(
        'age-secret-key', 'an age encryption secret key',
        'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}',
        entropy=2.0,
        **_prefixed('AGE-SECRET-KEY-1TZS45RQ07RWFEHW34VHKAA7NV26FLQK6ZT9NHSGXPDNZEC2X9FC4SNZV2J')),
    TokenRule(
        'alibaba-access-key-id', 'an Alibaba Cloud access key id',
        'LTAI[A-Za-z0-9]{20}',
        entropy=3.0,
        **_prefixed('LTAIiSWIYMvoA2mpe8bWzx5x')),
    TokenRule(
        'aws-bedrock-api-key', 'an Amazon Bedrock API key',
        'ABSK[A-Za-z0-9+/]{109,269}={0,2}',
        entropy=3.5,
        **_prefixed('ABSKVDWoSUDOAvIvmbTfQNp+NJwhmPs8/Pft6sKIL/nhcVp3qp/zoWZ7css0wbT4Q3iqPoi4hSidqSPil6zzCq0rM/a2tqHzWBigQq189rBEcPipCa6jv')),
    TokenRule(
        'clickhouse-cloud-api-secret', 'a ClickHouse Cloud API secret',
        '4b1d[A-Za-z0-9]{38}',
        entropy=3.5,
        **_prefixed('4b1dixAGJVO8dNmrKtTFkathrljIGBR8aCLjugO86e')),
    TokenRule(
        'clojars-api-token', 'a Clojars deploy token',
        'CLOJARS_[a-z0-9]{60}',
        entropy=3.5,
        **_prefixed('CLOJARS_vwu4q5uqc5ib4xq3mxr6ztnd0e68t4f67u5uvxle9lq77ygnb3pn167i6nr5')),
    TokenRule(
        'cloudflare-origin-ca-key', 'a Cloudflare Origin CA key',
        r'v1\.0-[a-f0-9]{24}-[a-f0-9]{146}',
        entropy=3.0,
        **_prefixed('v1.0-4560eeeebb23fe25e8ffbfe7-a315c87e4eb9abd524af0c770f11905f77850389c00dc5fdf0707ae2356a98259ede1586b42c885d23bcbc8d689ae4ead6cf2abcd4e3914816147b91f80d969a906b8e31427a5fd50c')),
    TokenRule(
        'defined-networking-api-token', 'a Defined Networking API token',
        'dnkey-[a-z0-9=_-]{26}-[a-z0-9=_-]{52}',
        entropy=3.5,
        **_prefixed('dnkey-3zhg0zapmdqk7rxfqkcn9h29cw-6cm4dsfkernasc4qe8k97_8p5d8wo8z3fpca0y9f2lkpk9m6vzrk')),
    TokenRule(
        'digitalocean-token', 'a DigitalOcean personal, OAuth or refresh token',
        'do[opr]_v1_[a-f0-9]{64}',
        entropy=3.0,
        **_prefixed('dop_v1_a5ce19e4f9dea6c9745ca21d613f3aa4f8d19f9dcea3e72a83e6a8dd148c6288')),
    TokenRule(
        'doppler-api-token', 'a Doppler API token',
        r'dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}',
        entropy=3.5,
        **_prefixed('dp.audit.QcvnaeS3U0KGnjBNNsStwZO3sqUKzGOYImVpiZNnjT')),
    TokenRule(
        'duffel-api-token', 'a Duffel API token',
        'duffel_(?:test|live)_[A-Za-z0-9_=-]{43}',
        entropy=3.5,
        **_prefixed('duffel_live_s5fWmEZmV3Q4w=HnErm0ck-ssxcB12xufwtDNebW_y8')),
    TokenRule(
        'dynatrace-api-token', 'a Dynatrace API token',
        r'dt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}',
        entropy=3.5,
        **_prefixed('dt0c01.bgMXBiFGHNZHdmWoh4oGaPUT.G4EwVqJdoaGpG00M3zj3fVmLHFWPJcd826G6jybw8IFBrdb4EcfDceWvGDaLboEQ')),
    TokenRule(
        'easypost-api-token', 'an EasyPost production or test key',
        'EZ[AT]K[A-Za-z0-9]{54}',
        entropy=3.5,
        **_prefixed('EZAKGW8KA2JmmyTQxzbyGsOX7wEa4oFkxnQUb2n3lTOv0mhLhaQCjnQhdS')),
    TokenRule(
        'facebook-page-access-token', 'a Facebook (Meta) access token',
        'EAA[MC][A-Za-z0-9]{100,400}',
        entropy=3.5,
        **_prefixed('EAACNt7xulcKW0hT8QTH3mPA6MmmVsUu69oHqVZpbndmYrGX30bwrclUkYWAwWYvWyQyeAXadCmB3tSiiyDHxVbQYT638tQANNDEOLDtX7')),
    TokenRule(
        'flutterwave-key', 'a Flutterwave secret, public or encryption key',
        'FLW(?:PUBK|SECK)_TEST-[a-hA-H0-9]{32}-X|FLWSECK_TEST[a-hA-H0-9]{12}',
        entropy=3.0,
        **_prefixed('FLWSECK_TEST531043bBedFh')),
    TokenRule(
        'flyio-access-token', 'a Fly.io access token',
        r'fo1_[\w-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,4000}={0,3}',
        entropy=3.5,
        **_prefixed('fo1_njXer4dK0V4yg1NtIvYgi6094saKmq3yI7tAPuLdny7')),
    TokenRule(
        'frameio-api-token', 'a Frame.io API token',
        'fio-u-[A-Za-z0-9_=-]{64}',
        entropy=3.5,
        **_prefixed('fio-u-JuyJBuLjcYrgLmOJc7sRVTYgPxg8uYYWu8IRkGscj8EnTi6yNanPh1J9okmQGIl3')),
    TokenRule(
        'grafana-token', 'a Grafana API key, cloud or service-account token',
        'eyJrIjoi[A-Za-z0-9]{70,400}={0,3}|glc_[A-Za-z0-9+/]{32,400}={0,3}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}',
        entropy=3.5,
        **_prefixed('eyJrIjoipM7iABUMBo1UGQfh1arVivnOCW1rktf7rfsbDopV3XMi8QjohWzZi3wFop4wyBbd7rDpmCe=')),
    TokenRule(
        'harness-api-key', 'a Harness personal or service-account token',
        r'(?:pat|sat)\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}',
        entropy=3.5,
        **_prefixed('sat.PtPhPf2cajb6BPE8sWyQZm.TwbSb0bjbMFZY2X3Nmivmkxt.QxUtPu4zv2yVjF2MvRLF')),
    TokenRule(
        'hashicorp-tf-api-token', 'a Terraform Cloud API token',
        r'[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}',
        entropy=3.5,
        **_prefixed('LOuxO7Tnad1dC8.atlasv1.lLFj7rIx3o1LPjPHQfpochiBkVj9j6JQiiyBWyLvzAAIHCFoQCC_GCN4GZT=Zc')),
    TokenRule(
        'vault-token', 'a HashiCorp Vault service or batch token',
        r'hvs\.[\w-]{90,120}|hvb\.[\w-]{138,300}|s\.[A-Za-z0-9]{24}',
        entropy=3.5, allow=(r'^s\.[A-Za-z]+$',),
        **_prefixed('hvs.5ezeN95m1ZjnNZETkkaxdFEegNaAaaNvXz4l3-mRSwFfkr14flt58cR-wvAiyz_hq_m1pVprnL_cZ8ROHOh2YDQmY-1s')),
    TokenRule(
        'heroku-api-key-v2', 'a Heroku API key',
        'HRKU-AA[0-9A-Za-z_-]{58}',
        entropy=3.5,
        **_prefixed('HRKU-AAxPWBHYFwKmXSqoJL3M1HdJJ3bHpKSx3k5m7Fv1cFeFx6DTTIhMnktOyHxo')),
    TokenRule(
        'infracost-api-token', 'an Infracost API token',
        'ico-[A-Za-z0-9]{32}',
        entropy=3.5,
        **_prefixed('ico-pgIGs2lZoGLGMh9WZDdCBKINiZwslZm5')),
    TokenRule(
        'intra42-client-secret', 'a 42 Intra client secret',
        's-s4t2(?:ud|af)-[a-fA-F0-9]{64}',
        entropy=3.0,
        **_prefixed('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')),
    TokenRule(
        'linear-api-key', 'a Linear API key',
        'lin_api_[A-Za-z0-9]{40}',
        entropy=3.5,
        **_prefixed('lin_api_i5ImpQ0HzgNSHkB3hIzNgZvoE0OXzIuH5uILL8Ns')),
    TokenRule(
        'maxmind-license-key', 'a MaxMind licence key',
        '[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk',
        entropy=3.5,
        **_prefixed('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')),
    TokenRule(
        'notion-api-token', 'a Notion integration token',
        'ntn_[0-9]{11}[A-Za-z0-9]{32}[A-Za-z0-9]{3}|secret_[A-Za-z0-9]{43}',
        entropy=3.5,
        **_prefixed('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')),
    TokenRule(
        'octopus-deploy-api-key', 'an Octopus Deploy API key',
        'API-[A-Z0-9]{26}',
        entropy=3.0,
        **_prefixed('API-GAZSQSZTCP3LBU08PI0YA4VY6Y')),
    TokenRule(
        'openshift-user-token', 'an OpenShift user token',
        r'sha256~[\w-]{43}',
        entropy=3.5,
        **_prefixed('sha256~k0Mh-wfF3vxe40QF-load-0cdwqvb-cl2sHNx-sgWtJ')),
    TokenRule(
        'planetscale-token', 'a PlanetScale password, API or OAuth token',
        r'pscale_(?:pw|tkn|oauth)_[\w=.-]{32,64}',
        entropy=3.5,
        **_prefixed('pscale_tkn_i74I2XIAvAo3845ukKlVBLM4Y4rSwieAB')),
    TokenRule(
        'postman-api-token', 'a Postman API key',
        'PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}',
        entropy=3.0,
        **_prefixed('PMAK-ce10416ff2cB4Adf6C3cF9a9-87Fe7fb3DfE0E364A3d30ADEe1b1CEaccD')),
    TokenRule(
        'prefect-api-token', 'a Prefect API key',
        'pnu_[A-Za-z0-9]{36}',
        entropy=3.5,
        **_prefixed('pnu_n8wSaC05kb9X1oiSVvw6CBdoRthUH5SiHAHN')),
    TokenRule(
        'pulumi-api-token', 'a Pulumi access token',
        'pul-[a-f0-9]{40}',
        entropy=3.0,
        **_prefixed('pul-c57b2a08c47cacbd43236c5d5951ecbf53bfcb34')),
    TokenRule(
        'readme-api-token', 'a ReadMe API key',
        'rdme_[a-z0-9]{70}',
        entropy=3.5,
        **_prefixed('rdme_etlo5ony2ug07usjr3tq6avr6cyxx7w1iul8ru1e70nqbwzfnx5xb0sk0y8htnpe3frob5')),
    TokenRule(
        'rubygems-api-token', 'a RubyGems API key',
        'rubygems_[a-f0-9]{48}',
        entropy=3.0,
        **_prefixed('rubygems_888606ca32c7c12b7471d20526db8568d9e2663cfeaf24e4')),
    TokenRule(
        'scalingo-api-token', 'a Scalingo API token',
        r'tk-us-[\w-]{48}',
        entropy=3.5,
        **_prefixed('tk-us-uV74i_W-GZp_6SO_R02bVULy0_h-RyiYxHM6i_5Hz0Jfzrbj')),
    TokenRule(
        'sendinblue-api-token', 'a Brevo (Sendinblue) API key',
        'xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}',
        entropy=3.0,
        **_prefixed('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')),
    TokenRule(
        'sentry-token', 'a Sentry user or organisation auth token',
        'sntryu_[a-f0-9]{64}|sntrys_eyJpYXQiO[A-Za-z0-9+/]{10,400}={0,2}_[A-Za-z0-9+/]{43}',
        entropy=3.0,
        **_prefixed('sntrys_eyJpYXQiOPmbZrLaMlq8=_JpwyV8JRuTDmSyvIKxXyretHW8JGuSytn2CpsLcGCE5')),
    TokenRule(
        'settlemint-token', 'a SettleMint access token',
        'sm_(?:pat|aat|sat)_[A-Za-z0-9]{16}',
        entropy=3.0,
        **_prefixed('sm_pat_0YU3X9VcxLsKN2Rh')),
    TokenRule(
        'shippo-api-token', 'a Shippo API token',
        'shippo_(?:live|test)_[a-fA-F0-9]{40}',
        entropy=3.0,
        **_prefixed('shippo_live_fe0EC7b464fBB4CAaE6a1d7ee2FEBED5BCD3CD9F')),
    TokenRule(
        'shopify-token', 'a Shopify access token or shared secret',
        'shp(?:ss|at|ca|pa)_[a-fA-F0-9]{32}',
        entropy=3.0,
        **_prefixed('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')),
    TokenRule(
        'sourcegraph-access-token', 'a Sourcegraph access token',
        'sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40}',
        entropy=3.0,
        **_prefixed('sgp_local_985A930deEB65fE3EB2b3Aa4a6b50f22Be1CCEf3')),
    TokenRule(
        'square-token', 'a Square access token or OAuth secret',
        r'sq0atp-[\w-]{22,60}|sq0csp-[\w-]{43}|EAAA[\w-]{60}',
        entropy=3.5,
        **_prefixed('sq0csp-1bIApfLn_uZlJrvQnPtjYR9Z5Tt0cUlSyCud58emCl5')),
    TokenRule(
        'twilio-api-key', 'a Twilio API key sid',
        'SK[0-9a-fA-F]{32}',
        entropy=3.0,
        **_prefixed('SKf0c13cDcfc98eDeA7fdACF3eed16946c')),
    TokenRule(
        'typeform-api-token', 'a Typeform personal token',
        'tfp_[A-Za-z0-9_.=-]{59}',
        entropy=3.5,
        **_prefixed('tfp_1wFX3f4qi6jMqk.8YbY6kd2xYBngyMLP=ebM8XGonAnOvbXN1=9C7=khZK6')),
    TokenRule(
        'yandex-token', 'a Yandex Cloud IAM token, API key or access key',
        r't1\.[A-Z0-9a-z_-]+={0,2}\.[A-Z0-9a-z_-]{86}={0,2}|AQVN[A-Za-z0-9_-]{35,38}|YC[A-Za-z0-9_-]{38}',
        entropy=3.5,
        **_prefixed('t1.zi.-UlifsfOud-QrFGKRHWnnXux0rvsoszJmzZJs8M9D0yxbmURcjBF6vOdD-UqijEc1-6cBTiVMsFzt5se1iOFby')),
    TokenRule(
        'airtable-personal-access-token', 'an Airtable personal access token',
        r'pat[A-Za-z0-9]{14}\.[a-f0-9]{64}',
        entropy=3.0,
        **_prefixed('pata0FuPeVCQ9wmqk.d6fe6f3fd8a89342e24eef4a214c87b2030c8ec6046d7fca2db14f39850bb5bf')),
    TokenRule(
        'artifactory-token', 'a JFrog Artifactory API key or reference token',
        'AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59}',
        entropy=3.5,
        **_prefixed('cmVmd67XcTgieiFCsEAgGCIMICn8uNDbXyR7f36fFI5PfxbK418itf1p7yLCsRW2')),
    TokenRule(
        'authress-access-key', 'an Authress service-client access key',
        r'(?:sc|ext|scauth|authress)_[A-Za-z0-9]{5,30}\.[A-Za-z0-9]{4,6}\.acc[_-][A-Za-z0-9-]{10,32}\.[A-Za-z0-9+/_=-]{30,120}',
        entropy=3.5,
        **_prefixed('ext_77EZHh.GQxwT3.acc_cZz2BCF5KFL.wx2OSBpqdTQqC/GLg0u51IQ2tRgLZM')),
    TokenRule(
        'gitlab-session-cookie', 'a GitLab session cookie',
        '_gitlab_session=[0-9a-z]{32}',
        entropy=3.0,
        **_prefixed('_gitlab_session=hob2dalwyf8u6ocd8yl623aibija7hf7')),
    TokenRule(
        'microsoft-teams-webhook', 'a Microsoft Teams incoming webhook',
        r'https://[a-z0-9]{1,50}\.webhook\.office\.com/webhookb2/[a-z0-9-]{36}@[a-z0-9-]{36}/IncomingWebhook/[a-z0-9]{32}/[a-z0-9-]{36}',
        entropy=3.0,
        **_prefixed('https://u4.webhook.office.com/webhookb2/jga9pv2--zhumdvxjhgfh065i9uqcgu03lg1@elghz9qsww9qev5d7mrb8ototega5beq48qi/IncomingWebhook/sbse7bwovcegyujdcpsz7rjamtc3ysgx/t43bvooyvyjddhgb92uoc5aahwn5gag2i4h3')),
    TokenRule(
        'asana-client-id', 'an Asana client id',
        '[0-9]{16}',
        keywords=('asana',), entropy=2.5,
        **_beside('asana', '2459949045293131')),
    TokenRule(
        'discord-client-id', 'a Discord client id',
        '[0-9]{18}',
        keywords=('discord',), entropy=2.5,
        **_beside('discord', '900264408186953606')),
    TokenRule(
        'discord-secret', 'a Discord API token or client secret',
        '[A-Za-z0-9=_-]{32}|[a-f0-9]{64}',
        keywords=('discord',), entropy=2.5,
        **_beside('discord', '0f265795d82731edb98e4945bbb1b035214e84b988022a5d30d462cb02b94dfe')),
    TokenRule(
        'dropbox-api-token', 'a Dropbox API token',
        r'[A-Za-z0-9]{15}|sl\.[A-Za-z0-9=_-]{135,1400}|[A-Za-z0-9]{11}AAAAAAAAAA[A-Za-z0-9_=-]{43}',
        keywords=('dropbox',), entropy=3.0,
        **_beside('dropbox', 'huV83bovn2DAAAAAAAAAAwekvl3T0-r6QOaGvN2O06wrArS0qL4Gce2ytYynRY82')),
    TokenRule(
        'kraken-access-token', 'a Kraken API key',
        '[A-Za-z0-9/=_+-]{80,90}',
        keywords=('kraken',), entropy=4.0,
        **_beside('kraken', 'qbkR=ruyFag1EUb/TxJeN9o/JFhVgP+i/vrVRqYq+ZXRwbNGrMI4BR6/sSK0ULih1Mdjbowrg1TEupjp_1iS')),
    TokenRule(
        'linkedin-client-id', 'a LinkedIn client id',
        '[A-Za-z0-9]{14}',
        keywords=('linkedin', 'linked_in', 'linked-in'), entropy=3.0,
        **_beside('linkedin', 'OoujYGarzLVhkY')),
    TokenRule(
        'mapbox-api-token', 'a Mapbox access token',
        r'pk\.[A-Za-z0-9]{60}\.[A-Za-z0-9]{22}',
        keywords=('mapbox',), entropy=3.5,
        **_beside('mapbox', 'pk.6TultUxA7d69xENXPuTkyPYziZOZvvdt5i3DDbTHdPp8WkbTgWJY1thHrgju.IB7bqREneFxGBAUsJ50RkB')),
    TokenRule(
        'sumologic-access-id', 'a Sumo Logic access id',
        'su[A-Za-z0-9]{12}',
        keywords=('sumo',), entropy=3.0, allow=(r'^[A-Za-z]+$',),
        **_beside('sumo', 'sudUxHQu5JmPBp')),
    TokenRule(
        'sidekiq-secret', 'a Sidekiq Enterprise licence credential',
        '[a-f0-9]{8}:[a-f0-9]{8}',
        keywords=('bundle_enterprise__contribsys__com', 'bundle_gems__contribsys__com'), entropy=2.5,
        **_beside('bundle_enterprise__contribsys__com', '3caa3b49:336a9c62')),
    TokenRule(
        'heroku-api-key', 'a Heroku API key',
        '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
        keywords=('heroku',), entropy=3.0,
        **_beside('heroku', 'eA73A8b7-8a70-a992-23fE-0ba8aBC4095F')),
    TokenRule(
        'mailchimp-api-key', 'a Mailchimp API key',
        '[a-f0-9]{32}-us[0-9]{1,2}',
        keywords=('mailchimp',), entropy=3.0,
        **_beside('mailchimp', '279acde4d498262bf69d72c757a1b82c-us95')),
    TokenRule(
        'telegram-bot-api-token', 'a Telegram bot token',
        '[0-9]{5,16}:A[A-Za-z0-9_-]{34}',
        keywords=('telegr',), entropy=3.5,
        **_beside('telegr', '00546:AzqnyKs-ZgNZS7pZOVzei6zxCiHOh0KXiIu')),
    TokenRule(
        'airtable-api-key', 'an Airtable API key',
        '[A-Za-z0-9]{17}',
        keywords=('airtable',), entropy=3.0,
        **_beside('airtable', 'umpmhs49pj96arb5l')),
    TokenRule(
        'confluent-access-token', 'a Confluent Cloud API key',
        '[A-Za-z0-9]{16}',
        keywords=('confluent',), entropy=3.0,
        **_beside('confluent', '6ylvuhf9q84nomef')),
    TokenRule(
        'linkedin-client-secret', 'a LinkedIn client secret',
        '[A-Za-z0-9]{16}',
        keywords=('linkedin', 'linked_in', 'linked-in'), entropy=3.0,
        **_beside('linkedin', '928egnvfg3f8gr29')),
    TokenRule(
        'sourcegraph-legacy-token', 'a Sourcegraph access token (legacy, 40 hex digits)',
        '[a-fA-F0-9]{40}',
        keywords=('sourcegraph',), entropy=3.0,
        **_beside('sourcegraph', 'dD9C1b8e809A305aBfF1E81ffFFbAdAe2De784Cf')),
    TokenRule(
        'jfrog-api-key', 'a JFrog API key or identity token',
        '[A-Za-z0-9]{64,73}',
        keywords=('jfrog', 'artifactory', 'bintray', 'xray'), entropy=4.0,
        **_beside('jfrog', 'qvs5Y679uFu3gAHdrXObyFaaMr4qIAkyXUzijTHqjgz3oDNZKAB5GcuaIFTMcsdgZ7bI')),
)
