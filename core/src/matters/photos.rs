//! Photos of matters: whatever a phone sends (JPEG, PNG or WebP, up to
//! [`MAX_PHOTO_BYTES`]) is decoded, turned upright, made at most [`MAX_PHOTO_SIDE`] pixels on
//! its longer side and written again as JPEG: nothing of the original file is kept, so its
//! metadata (EXIF, the place it was taken, the phone) goes with it.

use crate::error::Result;
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use shared::matters::MAX_PHOTO_BYTES;
use shared::{ApiError, FieldError, FieldErrors};

/// The longer side of a stored photo, in pixels.
pub const MAX_PHOTO_SIDE: u32 = 1600;
/// The JPEG quality photos are stored at.
const QUALITY: u8 = 82;
/// The largest picture decoded, in pixels per side, and the memory decoding may take: a small
/// file that unpacks into a huge picture is refused.
const MAX_DECODED_SIDE: u32 = 12_000;
const MAX_DECODE_BYTES: u64 = 400 * 1024 * 1024;

/// A photo as stored: JPEG without metadata.
#[derive(Debug, Clone)]
pub struct Photo {
    /// The JPEG file.
    pub jpeg: Vec<u8>,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
}

/// Why a file is not taken as a photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotTaken {
    /// Larger than [`MAX_PHOTO_BYTES`].
    TooLarge,
    /// Not a JPEG, PNG or WebP picture that can be read.
    NotAPhoto,
}

/// The photo to store from an uploaded file.
pub fn jpeg_from_upload(bytes: &[u8]) -> std::result::Result<Photo, NotTaken> {
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(NotTaken::TooLarge);
    }
    let mut reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| NotTaken::NotAPhoto)?;
    if !matches!(
        reader.format(),
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)
    ) {
        return Err(NotTaken::NotAPhoto);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODED_SIDE);
    limits.max_image_height = Some(MAX_DECODED_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| NotTaken::NotAPhoto)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| NotTaken::NotAPhoto)?;
    picture.apply_orientation(orientation);
    if picture.width() > MAX_PHOTO_SIDE || picture.height() > MAX_PHOTO_SIDE {
        picture = picture.resize(MAX_PHOTO_SIDE, MAX_PHOTO_SIDE, FilterType::Triangle);
    }
    let rgb = picture.to_rgb8();
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, QUALITY)
        .encode_image(&rgb)
        .map_err(|_| NotTaken::NotAPhoto)?;
    Ok(Photo {
        jpeg,
        width: rgb.width(),
        height: rgb.height(),
    })
}

/// [`jpeg_from_upload`] off the async threads; a file not taken is the `photo` field's error.
pub(crate) async fn checked_photo(bytes: Vec<u8>) -> Result<Photo> {
    let taken = tokio::task::spawn_blocking(move || jpeg_from_upload(&bytes))
        .await
        .map_err(|e| crate::error::Error::Io(std::io::Error::other(format!("photo: {e}"))))?;
    taken.map_err(|why| {
        let mut errors = FieldErrors::default();
        errors.push(
            "photo",
            match why {
                NotTaken::TooLarge => FieldError::PhotoTooLarge {
                    max_mb: (MAX_PHOTO_BYTES / (1024 * 1024)) as u32,
                },
                NotTaken::NotAPhoto => FieldError::NotAPhoto,
            },
        );
        ApiError::Validation(errors).into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageBuffer, Rgb};

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = ImageBuffer::from_fn(width, height, |x, _| Rgb([(x % 256) as u8, 90, 40]));
        let mut bytes = Vec::new();
        DynamicImage::ImageRgb8(picture)
            .write_to(&mut std::io::Cursor::new(&mut bytes), ImageFormat::Png)
            .unwrap_or_else(|e| panic!("{e}"));
        bytes
    }

    #[test]
    fn a_large_picture_is_made_smaller_and_stored_as_jpeg() {
        let Ok(photo) = jpeg_from_upload(&png(3200, 1000)) else {
            panic!("a PNG is a photo")
        };
        assert_eq!((photo.width, photo.height), (1600, 500));
        assert_eq!(&photo.jpeg[..3], &[0xFF, 0xD8, 0xFF]);
        let small = jpeg_from_upload(&png(40, 30)).map(|p| (p.width, p.height));
        assert_eq!(small, Ok((40, 30)));
    }

    #[test]
    fn what_is_not_a_photo_or_too_large_is_not_taken() {
        assert_eq!(
            jpeg_from_upload(b"%PDF-1.4 not a picture").map(|_| ()),
            Err(NotTaken::NotAPhoto)
        );
        let mut cut = png(64, 64);
        cut.truncate(cut.len() / 2);
        assert_eq!(jpeg_from_upload(&cut).map(|_| ()), Err(NotTaken::NotAPhoto));
        let huge = vec![0u8; MAX_PHOTO_BYTES + 1];
        assert_eq!(jpeg_from_upload(&huge).map(|_| ()), Err(NotTaken::TooLarge));
    }
}
