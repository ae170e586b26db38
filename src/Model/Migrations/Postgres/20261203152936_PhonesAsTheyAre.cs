using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sophia.Model.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PhonesAsTheyAre : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Firmware",
                table: "UnknownDevices",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ModelId",
                table: "UnknownDevices",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ModelName",
                table: "UnknownDevices",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SerialNumber",
                table: "UnknownDevices",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UpdaterVersion",
                table: "UnknownDevices",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Vendor",
                table: "UnknownDevices",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "VendorMismatch",
                table: "UnknownDevices",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Firmware",
                table: "UnknownDevices");

            migrationBuilder.DropColumn(
                name: "ModelId",
                table: "UnknownDevices");

            migrationBuilder.DropColumn(
                name: "ModelName",
                table: "UnknownDevices");

            migrationBuilder.DropColumn(
                name: "SerialNumber",
                table: "UnknownDevices");

            migrationBuilder.DropColumn(
                name: "UpdaterVersion",
                table: "UnknownDevices");

            migrationBuilder.DropColumn(
                name: "Vendor",
                table: "UnknownDevices");

            migrationBuilder.DropColumn(
                name: "VendorMismatch",
                table: "UnknownDevices");
        }
    }
}
