using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sophia.Model.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UniqueProvisioningUser : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Before this index the operations let two clients share a provisioning user. The client with the lowest id
            // keeps it; each other one gets "<user>~<id>" (its phones are refused until the helpdesk or its admin gives
            // it a name of its own and its phones get it), which is what the index needs and never a silent merge.
            migrationBuilder.Sql("""
                UPDATE "Clients" SET "ProvisioningUser" = "ProvisioningUser" || '~' || CAST("Id" AS TEXT)
                WHERE EXISTS (SELECT 1 FROM "Clients" AS earlier
                              WHERE earlier."ProvisioningUser" = "Clients"."ProvisioningUser" AND earlier."Id" < "Clients"."Id");
                """);
            migrationBuilder.CreateIndex(
                name: "IX_Clients_ProvisioningUser",
                table: "Clients",
                column: "ProvisioningUser",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Clients_ProvisioningUser",
                table: "Clients");
        }
    }
}
