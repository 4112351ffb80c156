using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Saiyo.Data;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Foundation;

/// <summary>In Production with real Zoom, Saiyo starts only with an encrypted key ring or an explicit opt-out.</summary>
public sealed class KeyRingTests
{
    private static async Task<(TestDatabase Db, SaiyoAppFactory App)> ProductionAsync(bool realZoom, params (string Key, string Value)[] settings)
    {
        var db = await TestDatabase.CreateAsync();
        var app = new SaiyoAppFactory(db);
        app.Settings["environment"] = "Production";
        app.Settings["Zoom:UseSandbox"] = realZoom ? "false" : "true";
        foreach (var (key, value) in settings) app.Settings[key] = value;
        return (db, app);
    }

    [Fact]
    public async Task Production_with_real_zoom_and_no_certificate_refuses_to_start_naming_the_settings()
    {
        var (db, app) = await ProductionAsync(realZoom: true);
        await using var _ = db;
        await using var __ = app;
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        var message = error.ToString();
        Assert.Contains("DataProtection__CertificatePath", message);
        Assert.Contains("DataProtection__CertificatePassword", message);
        Assert.Contains("DataProtection__AllowUnencryptedKeys", message);
    }

    [Fact]
    public async Task The_explicit_opt_out_and_the_embedded_default_start()
    {
        var (db1, optOut) = await ProductionAsync(realZoom: true, ("DataProtection:AllowUnencryptedKeys", "true"));
        await using (db1)
        await using (optOut)
            Assert.Equal(HttpStatusCode.OK, (await optOut.CreateClient().GetAsync("/healthz")).StatusCode);

        var (db2, embedded) = await ProductionAsync(realZoom: false);
        await using (db2)
        await using (embedded)
            Assert.Equal("/", (await embedded.CreateSaiyoClient().SignInAsync(Demo.AdminEmail)).Path);
    }

    [Fact]
    public async Task With_a_certificate_the_key_ring_in_the_database_is_encrypted()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"saiyo-keyring-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Saiyo key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, cert.Export(X509ContentType.Pfx, "Test-Pfx-Pass1"));
        }
        try
        {
            var (db, app) = await ProductionAsync(realZoom: true, ("DataProtection:CertificatePath", pfx), ("DataProtection:CertificatePassword", "Test-Pfx-Pass1"));
            await using var _ = db;
            await using var __ = app;
            Assert.Equal("/", (await app.CreateSaiyoClient().SignInAsync(Demo.AdminEmail)).Path);

            // The far side of this promise is the database a thief would copy: no key there is readable.
            using var scope = app.Services.CreateScope();
            var keys = await scope.ServiceProvider.GetRequiredService<SaiyoDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("encryptedSecret", xml);
                Assert.DoesNotContain("<masterKey", xml);
            });
        }
        finally
        {
            File.Delete(pfx);
        }
    }
}
