using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Saiyo.Data;

namespace Saiyo.Migrations.PostgreSql;

/// <summary>Lets dotnet-ef build the model for PostgreSql without starting the web app (no database is opened).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SaiyoDbContext>
{
    public SaiyoDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SaiyoDbContext>();
        options.UseSaiyoDatabase(DatabaseProvider.PostgreSql, "Host=localhost;Database=saiyo_design;Username=postgres");
        return new SaiyoDbContext(options.Options);
    }
}
